package io.lega.crypt4gh.cli;

import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --sk}: the reader's private key, for the commands that open a header. */
final class ReaderKeyOption {
  @Option(
      names = "--sk",
      paramLabel = "<path>",
      description = "Your private key. Default: $C4GH_SECRET_KEY, or ~/.c4gh/key.")
  Path secretKey;

  /** The key named by {@code --sk}, {@code $C4GH_SECRET_KEY} or {@code ~/.c4gh/key}. */
  Crypt4ghPrivateKey load() throws IOException {
    return KeySource.secretKey(secretKey);
  }
}
