package io.lega.download.testing;

import static io.lega.testsupport.quarkus.Blocking.await;

import io.lega.contracts.ChecksumType;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import io.lega.node.store.ArchiveInfo;
import io.lega.node.store.DatasetRepository;
import io.lega.node.store.FileRepository;
import io.lega.node.store.NewFile;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.FileEvent;
import io.lega.platform.storage.Storage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Files as the pipeline leaves them: a plaintext encrypted for the archive key, its body in the
 * archive storage, its header and sizes and checksums in {@code files}, ready with an accession id,
 * mapped to a dataset that is released (or not, or deprecated).
 */
public final class ArchivedFiles {

  /** A file put in the archive: what the test compares downloads with. */
  public record Archived(String accessionId, UUID id, byte[] plaintext, String sha256) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final FileRepository files;
  private final DatasetRepository datasets;
  private final Storage archive;
  private final Crypt4ghPublicKey archiveKey;

  public ArchivedFiles(
      FileRepository files, DatasetRepository datasets, Storage archive, Crypt4ghPublicKey key) {
    this.files = files;
    this.datasets = datasets;
    this.archive = archive;
    this.archiveKey = key;
  }

  /** A new dataset id. */
  public static String datasetId() {
    return "EGAD" + digits();
  }

  /** A ready file of {@code size} plaintext bytes. */
  public Archived ready(int size) throws IOException {
    return archived(size, true);
  }

  /** A file of {@code size} bytes that is archived and verified but not ready (no accession id). */
  public Archived verifiedOnly(int size) throws IOException {
    return archived(size, false);
  }

  private Archived archived(int size, boolean ready) throws IOException {
    byte[] plaintext = new byte[size];
    RANDOM.nextBytes(plaintext);
    ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
    try (OutputStream out =
        Crypt4ghOutputStream.create(encrypted, List.of(archiveKey), Optional.empty())) {
      out.write(plaintext);
    }
    InputStream in = new ByteArrayInputStream(encrypted.toByteArray());
    byte[] header = Header.read(in).encode();
    byte[] body = in.readAllBytes();
    UUID id = UUID.randomUUID();
    String accessionId = "EGAF" + digits();
    archive.write(id.toString(), new ByteArrayInputStream(body));
    String user = "submitter_" + id.toString().substring(0, 8);
    await(
        () ->
            files.register(
                new NewFile(
                    id,
                    user,
                    "run1/" + accessionId + ".bam.c4gh",
                    (long) encrypted.size(),
                    Instant.now()),
                FileEvent.UPLOADED,
                "inbox-service",
                null));
    await(() -> files.recordEvent(id, FileEvent.SUBMITTED, "ingest-service", null, null));
    await(
        () ->
            files.setArchiveInfo(
                id, new ArchiveInfo(header, hex(randomBytes()), id.toString(), body.length)));
    await(() -> files.recordEvent(id, FileEvent.ARCHIVED, "ingest-service", null, null));
    await(
        () ->
            files.storeChecksums(
                id, ChecksumSource.ARCHIVED, Map.of(ChecksumType.SHA256, sha256(body))));
    await(() -> files.setDecryptedSize(id, size));
    String sha256 = sha256(plaintext);
    await(
        () ->
            files.storeChecksums(
                id, ChecksumSource.DECRYPTED, Map.of(ChecksumType.SHA256, sha256)));
    await(() -> files.recordEvent(id, FileEvent.VERIFIED, "verify-service", null, null));
    if (ready) {
      await(() -> files.setAccessionId(id, accessionId));
      await(() -> files.recordEvent(id, FileEvent.READY, "finalize-service", null, null));
    } else {
      await(() -> files.setAccessionId(id, accessionId));
    }
    return new Archived(accessionId, id, plaintext, sha256);
  }

  /**
   * A ready file of {@code size} plaintext bytes made and archived in constant memory (through a
   * temporary file): for benchmarks. The plaintext is not kept: {@link Archived#plaintext()} is
   * empty; its SHA-256 is.
   */
  public Archived readyLarge(long size) throws IOException {
    java.nio.file.Path temp = java.nio.file.Files.createTempFile("download-bench", ".c4gh");
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      byte[] block = new byte[1 << 20];
      RANDOM.nextBytes(block);
      try (OutputStream out =
          Crypt4ghOutputStream.create(
              new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(temp), 1 << 20),
              List.of(archiveKey),
              Optional.empty())) {
        for (long left = size; left > 0; ) {
          int n = (int) Math.min(block.length, left);
          block[0]++; // no two blocks alike
          out.write(block, 0, n);
          sha256.update(block, 0, n);
          left -= n;
        }
      }
      UUID id = UUID.randomUUID();
      String accessionId = "EGAF" + digits();
      byte[] header;
      long bodySize;
      try (InputStream in =
          new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(temp), 1 << 20)) {
        header = Header.read(in).encode();
        bodySize = archive.write(id.toString(), in);
      }
      String plainSha256 = hex(sha256.digest());
      await(
          () ->
              files.register(
                  new NewFile(id, "bench", "bench/" + accessionId + ".c4gh", null, null),
                  FileEvent.UPLOADED,
                  "inbox-service",
                  null));
      await(
          () ->
              files.setArchiveInfo(
                  id, new ArchiveInfo(header, hex(randomBytes()), id.toString(), bodySize)));
      await(() -> files.setDecryptedSize(id, size));
      await(
          () ->
              files.storeChecksums(
                  id, ChecksumSource.DECRYPTED, Map.of(ChecksumType.SHA256, plainSha256)));
      await(() -> files.setAccessionId(id, accessionId));
      await(() -> files.recordEvent(id, FileEvent.READY, "finalize-service", null, null));
      return new Archived(accessionId, id, new byte[0], plainSha256);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } finally {
      java.nio.file.Files.deleteIfExists(temp);
    }
  }

  /** Maps the files to a new dataset, released. */
  public String released(Archived... archived) {
    String datasetId = mapped(archived);
    await(() -> datasets.release(datasetId, null));
    return datasetId;
  }

  /** Maps the files to a new dataset that is not released. */
  public String mapped(Archived... archived) {
    String datasetId = datasetId();
    List<String> ids = java.util.Arrays.stream(archived).map(Archived::accessionId).toList();
    await(() -> datasets.mapFiles(datasetId, ids, null));
    return datasetId;
  }

  /** Deprecates a dataset. */
  public void deprecate(String datasetId) {
    await(() -> datasets.deprecate(datasetId, null));
  }

  public static String sha256(byte[] bytes) {
    try {
      return hex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static String digits() {
    return String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
  }
}
