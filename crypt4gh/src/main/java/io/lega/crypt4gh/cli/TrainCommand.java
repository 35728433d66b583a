package io.lega.crypt4gh.cli;

import io.lega.crypt4gh.cipher.ChaCha20Poly1305;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.keys.KeyProtection;
import io.lega.crypt4gh.stream.ParallelBodyPipe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * A hidden workload for JDK 25's ahead-of-time cache ({@code -XX:AOTCacheOutput}): encrypts and
 * decrypts 96 MiB in memory, and reads keys and headers as the commands do, so the cache records
 * the classes and method profiles of both hot paths. {@code ./lega} runs it once per jar and JDK;
 * later runs start with the JIT already informed, which is most of the CLI's start-up cost on a 1
 * GiB file.
 */
@Command(name = "train", hidden = true, description = "Warm-up workload for the AOT cache.")
final class TrainCommand implements Callable<Integer> {
  private static final int SIZE = 96 << 20;

  @Override
  public Integer call() throws Exception {
    trainHeaders();
    byte[] plain = new byte[SIZE];
    new Random(1).nextBytes(plain);
    byte[] key = ChaCha20Poly1305.newKey();
    ParallelBodyPipe pipe = ParallelBodyPipe.allCores();
    ByteArrayOutputStream cipher = new ByteArrayOutputStream(SIZE + SIZE / 1000);
    pipe.encrypt(
        Channels.newChannel(new ByteArrayInputStream(plain)), Channels.newChannel(cipher), key);
    ByteArrayOutputStream back = new ByteArrayOutputStream(SIZE);
    pipe.decrypt(
        Channels.newChannel(new ByteArrayInputStream(cipher.toByteArray())),
        Channels.newChannel(back),
        List.of(DataEncryptionParameters.of(key)));
    return back.size() == SIZE ? 0 : 1;
  }

  /**
   * What every encrypt and decrypt does before the body: key files read back from their PEM text, a
   * header sealed for a recipient, written, read and opened.
   */
  private static void trainHeaders() throws IOException {
    for (int i = 0; i < 20; i++) {
      Crypt4ghPrivateKey generated = Crypt4ghPrivateKey.generate();
      Crypt4ghPrivateKey reader =
          KeyFiles.readPrivateKey(
              KeyFiles.privateKeyPem(generated, KeyProtection.none(), null), null);
      Crypt4ghPublicKey recipient =
          KeyFiles.readPublicKey(KeyFiles.publicKeyPem(generated.publicKey()));
      Header sealed =
          DecryptedHeader.of(
                  List.of(DataEncryptionParameters.of(ChaCha20Poly1305.newKey())), Optional.empty())
              .sealFor(List.of(recipient), Crypt4ghPrivateKey.generate());
      ByteArrayOutputStream written = new ByteArrayOutputStream();
      sealed.writeTo(written);
      DecryptedHeader.open(
          Header.read(new ByteArrayInputStream(written.toByteArray())), reader, Optional.empty());
    }
  }
}
