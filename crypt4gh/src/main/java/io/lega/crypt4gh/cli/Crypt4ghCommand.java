package io.lega.crypt4gh.cli;

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
    },
    subcommands = {
      EncryptCommand.class,
      DecryptCommand.class,
      ReencryptCommand.class,
      RearrangeCommand.class,
      KeygenCommand.class,
      TrainCommand.class
    })
public final class Crypt4ghCommand {
  @Mixin HelpOptions helpOptions;

  /** Accepted for compatibility with the reference tool; logging is not configured by file here. */
  @Option(
      names = "--log",
      paramLabel = "<file>",
      description = "Ignored (reference-tool compatibility).")
  String log;
}
