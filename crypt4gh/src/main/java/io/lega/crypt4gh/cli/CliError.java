package io.lega.crypt4gh.cli;

/** A failure the CLI reports on one line of stderr, with its exit code. */
final class CliError extends RuntimeException {
  private final int exitCode;

  CliError(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
