package io.lega.crypt4gh.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crypt4gh}: the reference tool's command line (EGA-archive/crypt4gh), reading stdin and
 * writing stdout, so scripts written for it run unchanged.
 */
@Command(
    name = "crypt4gh",
    versionProvider = Version.class,
    description = {
      "Utility for the GA4GH Crypt4GH format, reading from stdin and writing to stdout.",
      "",
      "Environment: C4GH_SECRET_KEY is the default --sk; C4GH_PASSPHRASE unlocks it.",
      "Ranges are START-END with END excluded (the specification), or START to the end."
    })
public final class Crypt4ghCommand {
  /** The subcommands, in the order of the help. */
  static final List<String> SUBCOMMANDS =
      List.of("encrypt", "decrypt", "reencrypt", "rearrange", "keygen", "train");

  /**
   * The command line for {@code args}. Only the subcommand named first is registered (all of them
   * for help, a typo or no command): picocli builds the model of every command it registers, and on
   * a cold JVM that is much of the start-up before the first byte is read.
   */
  static CommandLine commandLine(String[] args) {
    CommandLine line = new CommandLine(new Crypt4ghCommand());
    String first = args.length > 0 ? args[0] : "";
    for (String name : SUBCOMMANDS.contains(first) ? List.of(first) : SUBCOMMANDS) {
      line.addSubcommand(name, subcommand(name));
    }
    return line;
  }

  private static Object subcommand(String name) {
    return switch (name) {
      case "encrypt" -> new EncryptCommand();
      case "decrypt" -> new DecryptCommand();
      case "reencrypt" -> new ReencryptCommand();
      case "rearrange" -> new RearrangeCommand();
      case "keygen" -> new KeygenCommand();
      default -> new TrainCommand();
    };
  }

  @Mixin HelpOptions helpOptions;

  /** Accepted for compatibility with the reference tool; logging is not configured by file here. */
  @Option(
      names = "--log",
      paramLabel = "<file>",
      description = "Ignored (reference-tool compatibility).")
  String log;
}
