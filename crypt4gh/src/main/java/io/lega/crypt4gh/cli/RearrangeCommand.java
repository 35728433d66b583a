package io.lega.crypt4gh.cli;

import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.stream.Rearrangement;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crypt4gh rearrange}: slices a file to a range without re-encrypting its body. */
@Command(
    name = "rearrange",
    versionProvider = Version.class,
    description =
        "Keep only the segments of stdin that hold a plaintext range, with an edit list selecting"
            + " it; the body is not re-encrypted.")
final class RearrangeCommand implements Callable<Integer> {
  @Mixin HelpOptions helpOptions;

  @Mixin ReaderKeyOption readerKey;

  @Option(
      names = "--range",
      paramLabel = "<start-end>",
      required = true,
      description = "The plaintext byte range to keep (END excluded).")
  String range;

  @Override
  public Integer call() throws Exception {
    Crypt4ghPrivateKey reader = readerKey.load();
    StandardStreams std = new StandardStreams();
    Rearrangement.rearrange(
        std.input(),
        new java.io.BufferedOutputStream(std.output(), 1 << 16),
        reader,
        RangeOption.parse(range),
        List.of(reader.publicKey()));
    return 0;
  }
}
