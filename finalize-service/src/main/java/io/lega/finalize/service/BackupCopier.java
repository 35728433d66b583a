package io.lega.finalize.service;

import io.lega.platform.digest.PipelinedDigests;
import io.lega.platform.error.SystemErrorException;
import io.lega.platform.storage.ObjectInfo;
import io.lega.platform.storage.Storage;
import io.lega.platform.storage.Storages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Copies an archived file (its body object and its {@code .header} object) from the archive to the
 * backup storage, under the same names, and verifies the copy by reading it back: the body copy
 * must have the archived size and the archived SHA-256 that ingest recorded, the header copy the
 * same bytes as the archive's header object.
 *
 * <p>The body streams through in constant memory (the header object is small and read whole, up to
 * {@value #MAX_HEADER_BYTES} bytes). A copy that fails verification is deleted and the failure
 * thrown as a {@link SystemErrorException}, so the message is retried. Copying again replaces the
 * earlier copy, so a repeated call is harmless.
 */
public final class BackupCopier {

  /** The suffix of the header object beside each archived body. */
  public static final String HEADER_SUFFIX = ".header";

  /** The largest header object accepted (a Crypt4GH header with a few packets is far smaller). */
  static final int MAX_HEADER_BYTES = 1 << 20;

  private static final Logger LOG = Logger.getLogger(BackupCopier.class);
  private static final int BUFFER = 1 << 20;

  private final Storage archive;
  private final Storage backup;
  private final MeterRegistry metrics;

  /**
   * @param archive where ingest archived the files
   * @param backup where the copies go
   * @param metrics where timer {@code lega.finalize.backup{outcome=verified|failed}} and counter
   *     {@code lega.finalize.backup.bytes} go
   */
  public BackupCopier(Storage archive, Storage backup, MeterRegistry metrics) {
    this.archive = Objects.requireNonNull(archive, "archive");
    this.backup = Objects.requireNonNull(backup, "backup");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Copies and verifies one archived file.
   *
   * @param location the body's object name in the archive (the header is {@code location +
   *     ".header"})
   * @param archiveSize the body's size, as ingest recorded it
   * @param archivedSha256 the body's SHA-256 (hex), as ingest recorded it
   * @return the backup location (the body's object name in the backup storage)
   * @throws SystemErrorException if a storage fails or the copy does not verify (nothing is left in
   *     the backup then)
   */
  public String copy(String location, long archiveSize, String archivedSha256) {
    Timer.Sample sample = Timer.start(metrics);
    String outcome = "failed";
    try {
      copyAndVerify(location, archiveSize, archivedSha256);
      outcome = "verified";
      metrics.counter("lega.finalize.backup.bytes").increment(archiveSize);
      return location;
    } finally {
      sample.stop(metrics.timer("lega.finalize.backup", "outcome", outcome));
    }
  }

  private void copyAndVerify(String location, long archiveSize, String archivedSha256) {
    String header = location + HEADER_SUFFIX;
    try {
      long copied = Storages.copy(archive, backup, location);
      byte[] headerBytes = readHeader(archive, header);
      backup.write(header, new ByteArrayInputStream(headerBytes));
      String problem = verify(location, copied, archiveSize, archivedSha256, header, headerBytes);
      if (problem != null) {
        deleteQuietly(location);
        deleteQuietly(header);
        throw new SystemErrorException("the backup copy of " + location + " is wrong: " + problem);
      }
    } catch (IOException e) {
      throw new SystemErrorException("cannot back up " + location + ": " + e, e);
    }
    LOG.infof("backed up %s (%d bytes) and its header; the copy verifies", location, archiveSize);
  }

  /** Reads the copy back; returns what is wrong with it, or {@code null} if it is right. */
  private String verify(
      String location,
      long copied,
      long archiveSize,
      String archivedSha256,
      String header,
      byte[] headerBytes)
      throws IOException {
    if (copied != archiveSize) {
      return copied + " bytes were copied, the archived body has " + archiveSize;
    }
    Optional<ObjectInfo> info = backup.stat(location);
    if (info.isEmpty()) {
      return "the body copy is missing";
    }
    if (info.get().size() != archiveSize) {
      return "the body copy has " + info.get().size() + " bytes, not " + archiveSize;
    }
    String sha256 = sha256(backup, location);
    if (!sha256.equalsIgnoreCase(archivedSha256)) {
      return "the body copy has SHA-256 " + sha256 + ", the archived body " + archivedSha256;
    }
    byte[] headerCopy = readHeader(backup, header);
    if (!Arrays.equals(headerCopy, headerBytes)) {
      return "the header copy differs from the archive's header object";
    }
    return null;
  }

  private static String sha256(Storage storage, String name) throws IOException {
    MessageDigest digest = PipelinedDigests.digest("SHA-256");
    byte[] buffer = new byte[BUFFER];
    try (InputStream in = storage.read(name)) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static byte[] readHeader(Storage storage, String name) throws IOException {
    try (InputStream in = storage.read(name)) {
      byte[] bytes = in.readNBytes(MAX_HEADER_BYTES + 1);
      if (bytes.length > MAX_HEADER_BYTES) {
        throw new IOException(
            "the header object " + name + " is larger than " + MAX_HEADER_BYTES + " bytes");
      }
      return bytes;
    }
  }

  /**
   * Removes a file's backup copy (body and header), as when the file was cancelled while it was
   * being finalized; missing objects are fine. Failures are logged, not thrown.
   *
   * @param location the body's object name (the header is {@code location + ".header"})
   */
  public void remove(String location) {
    deleteQuietly(location);
    deleteQuietly(location + HEADER_SUFFIX);
    LOG.infof("removed the backup copy of %s", location);
  }

  private void deleteQuietly(String name) {
    try {
      backup.delete(name);
    } catch (IOException | RuntimeException e) {
      LOG.warnf("cannot delete the backup copy %s: %s", name, e.toString());
    }
  }
}
