package io.lega.crypt4gh.cli;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.cipher.ChaCha20Poly1305;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.stream.ParallelBodyPipe;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crypt4gh encrypt}: plaintext on stdin, Crypt4GH on stdout. */
@Command(
    name = "encrypt",
    versionProvider = Version.class,
    description = "Encrypt stdin for one or more recipients.")
final class EncryptCommand implements Callable<Integer> {
  @Mixin HelpOptions helpOptions;

  @Option(
      names = "--sk",
      paramLabel = "<path>",
      description =
          "Writer's private key. Default: $C4GH_SECRET_KEY, or else a fresh ephemeral key.")
  Path secretKey;

  @Option(
      names = {"--recipient_pk", "--recipient-pk"},
      paramLabel = "<path>",
      required = true,
      description = "Recipient's public key (repeatable).")
  List<Path> recipients = new ArrayList<>();

  @Option(
      names = "--range",
      paramLabel = "<start-end>",
      description = "Encrypt only this byte range of the input (END excluded).")
  String range;

  @Option(
      names = "--header",
      paramLabel = "<path>",
      description = "Write the header to this file instead of stdout.")
  Path headerFile;

  @Override
  public Integer call() throws Exception {
    List<Crypt4ghPublicKey> publicKeys = new ArrayList<>();
    for (Path recipient : recipients) {
      publicKeys.add(KeySource.publicKey(recipient));
    }
    Optional<Crypt4ghPrivateKey> writer = KeySource.optionalSecretKey(secretKey);
    ByteRange byteRange = range == null ? ByteRange.all() : RangeOption.parse(range);
    StandardStreams std = new StandardStreams();

    byte[] dataKey = ChaCha20Poly1305.newKey();
    Header header =
        DecryptedHeader.of(List.of(DataEncryptionParameters.of(dataKey)), Optional.empty())
            .sealFor(publicKeys, writer.orElseGet(Crypt4ghPrivateKey::generate));
    if (headerFile != null) {
      try (OutputStream out = Files.newOutputStream(headerFile)) {
        header.writeTo(out);
      }
    } else {
      header.writeTo(std.output());
    }
    ReadableByteChannel input = RangeOption.limit(std.inChannel(), byteRange);
    ParallelBodyPipe.allCores().encrypt(input, std.outChannel(), dataKey);
    return 0;
  }
}
