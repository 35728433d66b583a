package io.lega.crypt4gh.cli;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.stream.CiphertextSource;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.ParallelBodyPipe;
import io.lega.crypt4gh.stream.RandomAccessDecryptor;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crypt4gh decrypt}: Crypt4GH on stdin, plaintext on stdout. */
@Command(
    name = "decrypt",
    versionProvider = Version.class,
    description = "Decrypt stdin with your private key.")
final class DecryptCommand implements Callable<Integer> {
  @Mixin HelpOptions helpOptions;

  @Mixin ReaderKeyOption readerKey;

  @Option(
      names = {"--sender_pk", "--sender-pk"},
      paramLabel = "<path>",
      description = "Expected sender's public key: fail if the file was written with another.")
  Path senderKey;

  @Option(
      names = "--range",
      paramLabel = "<start-end>",
      description = "Output only this plaintext byte range (END excluded).")
  String range;

  @Override
  public Integer call() throws Exception {
    Crypt4ghPrivateKey reader = readerKey.load();
    Optional<Crypt4ghPublicKey> sender =
        senderKey == null ? Optional.empty() : Optional.of(KeySource.publicKey(senderKey));
    ByteRange byteRange = range == null ? ByteRange.all() : RangeOption.parse(range);
    StandardStreams std = new StandardStreams();

    Header header = Header.read(std.input());
    DecryptedHeader opened = DecryptedHeader.open(header, reader, sender);
    boolean whole = opened.editList().isEmpty() && byteRange.equals(ByteRange.all());
    if (whole) {
      ParallelBodyPipe.allCores().decrypt(std.inChannel(), std.outChannel(), opened.dataKeys());
    } else if (std.inputIsSeekable()) {
      long bodyOffset = std.inChannel().position();
      RandomAccessDecryptor decryptor =
          new RandomAccessDecryptor(CiphertextSource.of(std.inChannel(), bodyOffset), opened);
      try (InputStream plain = decryptor.open(byteRange)) {
        plain.transferTo(std.output());
      }
    } else {
      try (InputStream plain = Crypt4ghInputStream.ofBody(std.input(), opened, byteRange)) {
        plain.transferTo(std.output());
      }
    }
    return 0;
  }
}
