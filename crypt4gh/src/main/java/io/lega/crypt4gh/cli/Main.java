package io.lega.crypt4gh.cli;

import io.lega.crypt4gh.error.Crypt4ghException;
import java.io.IOException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;

/**
 * Entry points: {@code crypt4gh} ({@link #main}) and {@code crypt4gh-keygen} ({@link Keygen}). Exit
 * codes: 0 success, 1 a failure (one line on stderr), 2 a usage error.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    PipeBuffers.enlarge();
    System.exit(run("crypt4gh", Crypt4ghCommand.commandLine(args), args));
  }

  /** {@code crypt4gh-keygen}, a program of its own as in the reference tool. */
  public static final class Keygen {
    private Keygen() {}

    public static void main(String[] args) {
      System.exit(run("crypt4gh-keygen", new CommandLine(new KeygenCommand()), args));
    }
  }

  static int run(String program, CommandLine commandLine, String[] args) {
    commandLine.setCommandName(program);
    commandLine.setExecutionExceptionHandler(failures(program));
    commandLine.setParameterExceptionHandler(usageErrors(program));
    return commandLine.execute(args);
  }

  private static IExecutionExceptionHandler failures(String program) {
    return (exception, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      if (exception instanceof CliError cli) {
        err.println(program + ": " + cli.getMessage());
        err.flush();
        return cli.exitCode();
      }
      if (exception instanceof Crypt4ghException) {
        err.println(program + ": " + exception.getMessage());
      } else if (exception instanceof java.nio.file.NoSuchFileException missing) {
        err.println(program + ": no such file: " + missing.getFile());
      } else if (exception instanceof java.nio.file.FileAlreadyExistsException exists) {
        err.println(program + ": file exists: " + exists.getFile() + " (use -f to overwrite)");
      } else if (exception instanceof IOException) {
        err.println(program + ": input/output error: " + exception.getMessage());
      } else {
        err.println(program + ": internal error: " + exception);
      }
      err.flush();
      return 1;
    };
  }

  private static IParameterExceptionHandler usageErrors(String program) {
    return (exception, args) -> {
      PrintWriter err = exception.getCommandLine().getErr();
      err.println(program + ": " + exception.getMessage() + " (see --help)");
      err.flush();
      return 2;
    };
  }
}
