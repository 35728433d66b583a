package io.lega.crypt4gh.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} and {@code -v/--version}, spelled as the reference tool spells them. */
final class HelpOptions {
  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = {"-v", "--version"},
      versionHelp = true,
      description = "Print the version and exit.")
  boolean version;
}
