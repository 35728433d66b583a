package io.lega.finalize.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.platform.error.SystemErrorException;
import io.lega.platform.storage.ObjectInfo;
import io.lega.platform.storage.PosixSettings;
import io.lega.platform.storage.PosixStorage;
import io.lega.platform.storage.Storage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link BackupCopier} on two POSIX storages, one of which can be made to corrupt what it stores.
 */
class BackupCopierTest {

  @TempDir Path dir;

  final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  Storage archive;
  Storage backupDisk;
  byte[] body;
  byte[] header;
  String sha256;

  @BeforeEach
  void archive() throws Exception {
    archive = PosixStorage.open(PosixSettings.of(dir.resolve("archive")));
    backupDisk = PosixStorage.open(PosixSettings.of(dir.resolve("backup")));
    body = new byte[3 * 1024 * 1024 + 17];
    new Random(7).nextBytes(body);
    header = "a header".getBytes();
    archive.write("f1", new ByteArrayInputStream(body));
    archive.write("f1.header", new ByteArrayInputStream(header));
    sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
  }

  @AfterEach
  void close() {
    archive.close();
    backupDisk.close();
  }

  @Test
  void copiesBodyAndHeaderAndVerifiesThem() throws IOException {
    String location =
        new BackupCopier(archive, backupDisk, metrics).copy("f1", body.length, sha256);

    assertThat(location).isEqualTo("f1");
    assertThat(read(backupDisk, "f1")).isEqualTo(body);
    assertThat(read(backupDisk, "f1.header")).isEqualTo(header);
    assertThat(metrics.timer("lega.finalize.backup", "outcome", "verified").count()).isEqualTo(1);
    assertThat(metrics.counter("lega.finalize.backup.bytes").count()).isEqualTo(body.length);
  }

  @Test
  void removeDeletesTheCopyAndToleratesAMissingOne() throws IOException {
    BackupCopier copier = new BackupCopier(archive, backupDisk, metrics);
    copier.copy("f1", body.length, sha256);

    copier.remove("f1");
    copier.remove("f1"); // nothing left: fine

    assertThat(backupDisk.exists("f1")).isFalse();
    assertThat(backupDisk.exists("f1.header")).isFalse();
    assertThat(archive.exists("f1")).isTrue(); // the archive is not touched
  }

  @Test
  void copyingTwiceIsHarmless() throws IOException {
    BackupCopier copier = new BackupCopier(archive, backupDisk, metrics);
    copier.copy("f1", body.length, sha256);
    copier.copy("f1", body.length, sha256);

    assertThat(read(backupDisk, "f1")).isEqualTo(body);
  }

  @Test
  void aCorruptedCopyIsDeletedAndRetried() throws IOException {
    Storage corrupting = new Corrupting(backupDisk);

    assertThatThrownBy(
            () -> new BackupCopier(archive, corrupting, metrics).copy("f1", body.length, sha256))
        .isInstanceOf(SystemErrorException.class)
        .hasMessageContaining("the body copy has SHA-256");
    assertThat(backupDisk.exists("f1")).isFalse();
    assertThat(backupDisk.exists("f1.header")).isFalse();
    assertThat(metrics.timer("lega.finalize.backup", "outcome", "failed").count()).isEqualTo(1);
  }

  @Test
  void anArchivedBodyThatNoLongerMatchesItsChecksumIsNotBackedUp() {
    String other = "0".repeat(64);

    assertThatThrownBy(
            () -> new BackupCopier(archive, backupDisk, metrics).copy("f1", body.length, other))
        .isInstanceOf(SystemErrorException.class)
        .hasMessageContaining("the archived body " + other);
    assertThat(dir.resolve("backup/f1")).doesNotExist();
  }

  @Test
  void aMissingArchivedObjectIsASystemError() {
    assertThatThrownBy(
            () -> new BackupCopier(archive, backupDisk, metrics).copy("gone", 10, sha256))
        .isInstanceOf(SystemErrorException.class)
        .hasMessageContaining("cannot back up gone");
  }

  private static byte[] read(Storage storage, String name) throws IOException {
    try (InputStream in = storage.read(name)) {
      return in.readAllBytes();
    }
  }

  /** Stores every body with its first byte flipped. */
  private record Corrupting(Storage delegate) implements Storage {
    @Override
    public long write(String name, InputStream data) throws IOException {
      if (name.endsWith(".header")) {
        return delegate.write(name, data);
      }
      byte[] bytes = data.readAllBytes();
      bytes[0] ^= 1;
      return delegate.write(name, new ByteArrayInputStream(bytes));
    }

    @Override
    public InputStream read(String name) throws IOException {
      return delegate.read(name);
    }

    @Override
    public InputStream read(String name, long start, long endExclusive) throws IOException {
      return delegate.read(name, start, endExclusive);
    }

    @Override
    public Optional<ObjectInfo> stat(String name) throws IOException {
      return delegate.stat(name);
    }

    @Override
    public void delete(String name) throws IOException {
      delegate.delete(name);
    }

    @Override
    public void close() {}
  }
}
