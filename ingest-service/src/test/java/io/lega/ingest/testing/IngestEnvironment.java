package io.lega.ingest.testing;

import io.lega.crypt4gh.kdf.Kdf;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.keys.KeyProtection;
import io.lega.testsupport.S3Buckets;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The inbox, archive and keys of an ingest {@code @QuarkusTest}, made at start in a temporary
 * folder and deleted at stop:
 *
 * <ul>
 *   <li>the inbox: a POSIX folder ({@code lega.inbox-storage.*});
 *   <li>the archive: a fresh bucket of the JVM's shared s3proxy ({@code lega.archive.*});
 *   <li>two submission keys (rotation), passphrase-protected, the first with a passphrase file as a
 *       mounted secret would be, the second with the passphrase given directly;
 *   <li>the archive key pair: the service gets only its public half ({@code
 *       lega.keys.archive-public-key}); the private half is for the test alone ({@code
 *       test.archive-key.*}, not a key the service reads).
 * </ul>
 */
public class IngestEnvironment implements QuarkusTestResourceLifecycleManager {

  private Path dir;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new LinkedHashMap<>();
    try {
      dir = Files.createTempDirectory("ingest-test");
      Path inbox = Files.createDirectories(dir.resolve("inbox"));
      config.put("lega.inbox-storage.type", "posix");
      config.put("lega.inbox-storage.posix.root", inbox.toString());

      String first = UUID.randomUUID().toString();
      Path firstKey = privateKey("submission-1", first);
      Path passphraseFile = dir.resolve("submission-1.pass");
      Files.writeString(passphraseFile, first + "\n", StandardCharsets.UTF_8);
      config.put("lega.keys.submission[0].path", firstKey.toString());
      config.put("lega.keys.submission[0].passphrase-file", passphraseFile.toString());

      String second = UUID.randomUUID().toString();
      config.put("lega.keys.submission[1].path", privateKey("submission-2", second).toString());
      config.put("lega.keys.submission[1].passphrase", second);

      String archive = UUID.randomUUID().toString();
      Path archiveKey = privateKey("archive", archive);
      config.put("lega.keys.archive-public-key", dir.resolve("archive.pub").toString());
      config.put("test.archive-key.path", archiveKey.toString());
      config.put("test.archive-key.passphrase", archive);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config.putAll(S3Buckets.freshBucketConfig("lega.archive"));
    return config;
  }

  /** Writes {@code <name>.sec} (protected) and {@code <name>.pub}; returns the private key file. */
  private Path privateKey(String name, String passphrase) throws IOException {
    Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
    Path file = dir.resolve(name + ".sec");
    KeyFiles.writePrivateKey(
        file, key, KeyProtection.withPassphrase(Kdf.SCRYPT, passphrase.toCharArray()), name, false);
    KeyFiles.writePublicKey(dir.resolve(name + ".pub"), key.publicKey(), false);
    return file;
  }

  @Override
  public void stop() {
    if (dir != null) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
