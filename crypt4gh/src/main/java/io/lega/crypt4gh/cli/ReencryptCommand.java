package io.lega.crypt4gh.cli;

import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.header.HeaderReencryption;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crypt4gh reencrypt}: re-wraps the header for new recipients; the body is copied as is. */
@Command(
    name = "reencrypt",
    versionProvider = Version.class,
    description = "Re-encrypt the header of stdin for new recipients, leaving the body untouched.")
final class ReencryptCommand implements Callable<Integer> {
  @Mixin HelpOptions helpOptions;

  @Mixin ReaderKeyOption readerKey;

  @Option(
      names = {"--recipient_pk", "--recipient-pk"},
      paramLabel = "<path>",
      required = true,
      description = "New recipient's public key (repeatable).")
  List<Path> recipients = new ArrayList<>();

  @Option(
      names = {"-t", "--trim"},
      description = "Keep only the header packets you can decrypt.")
  boolean trim;

  @Option(
      names = "--header-only",
      description = "The input is a header only: output the new header only.")
  boolean headerOnly;

  @Override
  public Integer call() throws Exception {
    Crypt4ghPrivateKey reader = readerKey.load();
    List<Crypt4ghPublicKey> publicKeys = new ArrayList<>();
    for (Path recipient : recipients) {
      publicKeys.add(KeySource.publicKey(recipient));
    }
    StandardStreams std = new StandardStreams();
    Header header = Header.read(std.input());
    HeaderReencryption.reencrypt(header, reader, publicKeys, reader, trim).writeTo(std.output());
    if (!headerOnly) {
      copyRest(std.inChannel(), std.outChannel());
    }
    return 0;
  }

  private static void copyRest(FileChannel in, FileChannel out) throws java.io.IOException {
    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(1 << 20);
    while (in.read(buffer) >= 0) {
      buffer.flip();
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      buffer.clear();
    }
  }
}
