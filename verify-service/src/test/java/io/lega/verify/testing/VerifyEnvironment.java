package io.lega.verify.testing;

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
 * The archive and the archive key of a verify {@code @QuarkusTest}: the archive is a fresh bucket
 * of the JVM's shared s3proxy (test-support's {@code S3Resource} names its keys {@code
 * lega.storage.*}; this service reads {@code lega.archive.*}); the archive key pair is generated at
 * start in a temporary folder, the private half protected by a random passphrase given as a
 * passphrase file, as a node's secret would be mounted. Everything is deleted at stop.
 */
public class VerifyEnvironment implements QuarkusTestResourceLifecycleManager {

  private Path dir;

  @Override
  public Map<String, String> start() {
    Map<String, String> config = new LinkedHashMap<>();
    try {
      dir = Files.createTempDirectory("verify-test");
      Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
      char[] passphrase = UUID.randomUUID().toString().toCharArray();
      Path keyFile = dir.resolve("archive.sec");
      KeyFiles.writePrivateKey(
          keyFile, key, KeyProtection.withPassphrase(Kdf.SCRYPT, passphrase), "archive", false);
      KeyFiles.writePublicKey(dir.resolve("archive.pub"), key.publicKey(), false);
      Path passphraseFile = dir.resolve("archive.pass");
      Files.writeString(passphraseFile, new String(passphrase) + "\n", StandardCharsets.UTF_8);
      config.put("lega.keys.archive.path", keyFile.toString());
      config.put("lega.keys.archive.passphrase-file", passphraseFile.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    config.putAll(S3Buckets.freshBucketConfig("lega.archive"));
    return config;
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
