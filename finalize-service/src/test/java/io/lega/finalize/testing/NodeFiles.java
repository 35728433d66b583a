package io.lega.finalize.testing;

import static io.lega.testsupport.quarkus.Blocking.await;

import io.lega.contracts.ChecksumType;
import io.lega.node.store.ArchiveInfo;
import io.lega.node.store.FileRepository;
import io.lega.node.store.NewFile;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileEventEntity;
import io.lega.platform.storage.Storage;
import io.quarkus.hibernate.reactive.panache.Panache;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Prepares files as ingest and verify leave them: an upload in the inbox, the body and header
 * objects in the archive, the {@code files} row with its events, archive info and checksums.
 */
public final class NodeFiles {

  /** A prepared file: what the test compares the service's work with. */
  public record Prepared(
      UUID id,
      String user,
      String path,
      byte[] body,
      byte[] header,
      String sha256,
      String md5,
      Path inboxFile) {}

  private final FileRepository files;
  private final Storage archive;
  private final Path inboxRoot;

  public NodeFiles(FileRepository files, Storage archive, Path inboxRoot) {
    this.files = files;
    this.archive = archive;
    this.inboxRoot = inboxRoot;
  }

  /** A verified file of a new user, with a 100 KiB body. */
  public Prepared verified() throws IOException {
    return prepare(FileEvent.VERIFIED, 100 * 1024);
  }

  /** A ready file with this accession id, as finalize leaves it (no backup, inbox kept). */
  public Prepared ready(String accessionId) throws IOException {
    Prepared file = verified();
    await(() -> files.setAccessionId(file.id(), accessionId));
    await(() -> files.recordEvent(file.id(), FileEvent.READY, "finalize-service", null, null));
    return file;
  }

  /** A file that went as far as {@code last} (archived or verified). */
  public Prepared prepare(FileEvent last, int bodySize) throws IOException {
    UUID id = UUID.randomUUID();
    String user = "user_" + id.toString().substring(0, 8);
    String path = "run1/sample-" + id.toString().substring(9, 13) + ".bam.c4gh";
    byte[] header = random(124);
    byte[] body = random(bodySize);
    byte[] plain = random(bodySize / 2);

    Path inboxFile = inboxRoot.resolve(user).resolve(path);
    Files.createDirectories(inboxFile.getParent());
    byte[] upload = new byte[header.length + body.length];
    System.arraycopy(header, 0, upload, 0, header.length);
    System.arraycopy(body, 0, upload, header.length, body.length);
    Files.write(inboxFile, upload);
    Instant modified = Instant.now().minus(5, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    Files.setLastModifiedTime(inboxFile, FileTime.from(modified));

    archive.write(id.toString(), new ByteArrayInputStream(body));
    archive.write(id + ".header", new ByteArrayInputStream(header));

    String sha256 = hex("SHA-256", plain);
    String md5 = hex("MD5", plain);
    await(
        () ->
            files.register(
                new NewFile(id, user, path, (long) upload.length, modified),
                FileEvent.UPLOADED,
                "inbox-service",
                null));
    await(() -> files.recordEvent(id, FileEvent.SUBMITTED, "ingest-service", null, null));
    await(
        () ->
            files.setArchiveInfo(
                id,
                new ArchiveInfo(
                    header, hex("SHA-256", random(32)), id.toString(), (long) body.length)));
    await(
        () ->
            files.storeChecksums(
                id, ChecksumSource.ARCHIVED, Map.of(ChecksumType.SHA256, hex("SHA-256", body))));
    await(() -> files.recordEvent(id, FileEvent.ARCHIVED, "ingest-service", null, null));
    if (last == FileEvent.VERIFIED) {
      await(
          () ->
              files.storeChecksums(
                  id,
                  ChecksumSource.DECRYPTED,
                  Map.of(ChecksumType.SHA256, sha256, ChecksumType.MD5, md5)));
      await(() -> files.recordEvent(id, FileEvent.VERIFIED, "verify-service", null, null));
    }
    return new Prepared(id, user, path, body, header, sha256, md5, inboxFile);
  }

  /** The file's row as it is now. */
  public FileEntity file(UUID id) {
    return await(() -> Panache.withSession(() -> files.findById(id)));
  }

  /** The file's events, oldest first. */
  public List<FileEventEntity> events(UUID id) {
    return await(() -> files.events(id));
  }

  /** An accession id no other test uses. */
  public static String accessionId() {
    return "EGAF" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
  }

  /** A dataset id no other test uses. */
  public static String datasetId() {
    return "EGAD" + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
  }

  /** The accession message the hub sends for a prepared file. */
  public static String accession(Prepared file, String accessionId) {
    return accession(file.user(), file.path(), accessionId, file.sha256(), file.md5());
  }

  /** An accession message. */
  public static String accession(
      String user, String path, String accessionId, String sha256, String md5) {
    return """
        {"type": "accession", "user": "%s", "filepath": "%s", "accession_id": "%s",
         "decrypted_checksums": [{"type": "sha256", "value": "%s"}, {"type": "md5", "value": "%s"}]}
        """
        .formatted(user, path, accessionId, sha256, md5);
  }

  public static byte[] random(int size) {
    byte[] bytes = new byte[size];
    ThreadLocalRandom.current().nextBytes(bytes);
    return bytes;
  }

  public static String hex(String algorithm, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
