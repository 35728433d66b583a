package io.lega.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.contracts.Checksum;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import io.lega.platform.storage.PosixSettings;
import io.lega.platform.storage.S3Settings;
import io.lega.platform.storage.Storage;
import io.lega.platform.storage.Storages;
import io.lega.testsupport.Infrastructure;
import io.lega.testsupport.S3Buckets;
import io.lega.testsupport.S3Connection;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * How fast {@link Archiver} moves a large file from a POSIX inbox to the archive (S3 on the JVM's
 * s3proxy, and POSIX), with the three checksums. Not part of the build: {@code mvn -o -pl
 * ingest-service verify -Dtest=ArchiverBench -Dingest.bench=true [-Dingest.bench.mib=1024]}.
 */
@EnabledIfSystemProperty(named = "ingest.bench", matches = "true")
class ArchiverBench {

  @TempDir Path dir;

  @Test
  void archiveOneLargeFile() throws Exception {
    int mib = Integer.getInteger("ingest.bench.mib", 1024);
    Crypt4ghPrivateKey submission = Crypt4ghPrivateKey.generate();
    Crypt4ghPrivateKey archiveKey = Crypt4ghPrivateKey.generate();
    Path inboxRoot = Files.createDirectories(dir.resolve("inbox"));
    Path file = Files.createDirectories(inboxRoot.resolve("bench")).resolve("big.c4gh");
    byte[] block = new byte[1 << 20];
    new Random(1).nextBytes(block);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        Crypt4ghOutputStream c4gh =
            Crypt4ghOutputStream.create(out, List.of(submission.publicKey()), Optional.empty())) {
      for (int i = 0; i < mib; i++) {
        c4gh.write(block);
      }
    }
    List<Checksum> expected =
        List.of(Checksum.sha256(hex("SHA-256", file)), Checksum.md5(hex("MD5", file)));
    long size = Files.size(file);

    S3Connection s3 = Infrastructure.sharedS3();
    String bucket = "bench-" + UUID.randomUUID().toString().substring(0, 8);
    S3Buckets.create(s3, bucket);
    Storage inbox = Storages.create(PosixSettings.of(inboxRoot));
    Storage s3Archive =
        Storages.create(
            new S3Settings(
                s3.endpoint().toString(),
                s3.region(),
                s3.accessKey(),
                s3.secretKey(),
                bucket,
                true,
                S3Settings.DEFAULT_PART_SIZE,
                null));
    Storage posixArchive = Storages.create(PosixSettings.of(dir.resolve("archive")));
    for (Storage archive : List.of(posixArchive, s3Archive, posixArchive, s3Archive)) {
      try (Archiver archiver =
          new Archiver(
              inbox, archive, List.of(submission), archiveKey.publicKey(), 0, 1 << 20, 8)) {
        UUID id = UUID.randomUUID();
        long start = System.nanoTime();
        long inboxSize;
        try (Archiver.Opened opened = archiver.open("bench", "big.c4gh")) {
          Archiver.Archived archived = archiver.archive(opened, id, "bench", "big.c4gh", expected);
          inboxSize = opened.originalHeader().length + archived.bodySize();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "ingest bench: %s, %d MiB in %.2f s: %.0f MB/s%n",
            archive.getClass().getSimpleName(), mib, seconds, size / seconds / 1e6);
        assertThat(inboxSize).isEqualTo(size);
        archiver.deleteObjects(id);
      }
    }
    inbox.close();
    s3Archive.close();
    posixArchive.close();
  }

  private static String hex(String algorithm, Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance(algorithm);
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
