package io.lega.ingest.service;

import io.lega.contracts.Checksum;
import io.lega.contracts.ChecksumType;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.Crypt4ghException;
import io.lega.crypt4gh.error.MalformedHeaderException;
import io.lega.crypt4gh.error.NoDecryptablePacketException;
import io.lega.crypt4gh.error.TruncatedException;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.node.worker.InboxPaths;
import io.lega.platform.digest.PipelinedDigestStream;
import io.lega.platform.digest.PipelinedDigests;
import io.lega.platform.error.UserErrorException;
import io.lega.platform.storage.InvalidObjectNameException;
import io.lega.platform.storage.NoSuchObjectException;
import io.lega.platform.storage.ObjectInfo;
import io.lega.platform.storage.ObjectNames;
import io.lega.platform.storage.Storage;
import io.lega.platform.threads.DaemonThreads;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * The storage and Crypt4GH half of an ingestion: opens a submitter's inbox file, reads its header
 * with the node's submission keys, re-encrypts it for the archive key alone, and streams the body
 * to the archive while computing its checksums on other threads. Knows nothing of the database or
 * the broker.
 *
 * <p>Every failure the submission causes is a {@link UserErrorException} with a reason safe to show
 * the submitter; storage failures are {@link IOException}s (system errors, retried).
 */
public final class Archiver implements AutoCloseable {

  /** Suffix of the header object beside each archived body. */
  public static final String HEADER_SUFFIX = ".header";

  private static final Logger LOG = Logger.getLogger(Archiver.class);
  private static final HexFormat HEX = HexFormat.of();

  /** Read buffer in front of the header parser (larger reads of the body bypass it). */
  private static final int HEADER_BUFFER = 64 * 1024;

  private final Storage inbox;
  private final Storage archive;
  private final List<Crypt4ghPrivateKey> submissionKeys;
  private final Crypt4ghPublicKey archiveKey;
  private final ExecutorService digestPool;
  private final int chunkSize;
  private final int chunksInFlight;

  /**
   * @param inbox the inbox, objects {@code <user>/<path>}
   * @param archive the archive
   * @param submissionKeys the node's active submission keys, tried in order
   * @param archiveKey the archive key's public half
   * @param digestThreads threads computing checksums ({@code 0}: one per core)
   * @param chunkSize bytes read from the inbox at a time
   * @param chunksInFlight chunks per file between reading, hashing and writing
   */
  public Archiver(
      Storage inbox,
      Storage archive,
      List<Crypt4ghPrivateKey> submissionKeys,
      Crypt4ghPublicKey archiveKey,
      int digestThreads,
      int chunkSize,
      int chunksInFlight) {
    if (submissionKeys.isEmpty()) {
      throw new IllegalArgumentException("at least one submission key is needed");
    }
    this.inbox = Objects.requireNonNull(inbox, "inbox");
    this.archive = Objects.requireNonNull(archive, "archive");
    this.submissionKeys = List.copyOf(submissionKeys);
    this.archiveKey = Objects.requireNonNull(archiveKey, "archiveKey");
    int threads = digestThreads > 0 ? digestThreads : Runtime.getRuntime().availableProcessors();
    this.digestPool =
        Executors.newFixedThreadPool(threads, DaemonThreads.named("lega-ingest-digest"));
    this.chunkSize = chunkSize;
    this.chunksInFlight = chunksInFlight;
  }

  /** The file's inbox object, if it is there. */
  public Optional<ObjectInfo> statInbox(String user, String filepath) throws IOException {
    try {
      return inbox.stat(checkedInboxName(user, filepath));
    } catch (InvalidObjectNameException e) {
      return Optional.empty();
    }
  }

  /**
   * Opens the inbox file and its header: the header must open with one of the submission keys.
   *
   * @throws UserErrorException if the file is not in the inbox, is not Crypt4GH, or is not
   *     encrypted for any of the node's submission keys
   * @throws IOException if the inbox cannot be read
   */
  public Opened open(String user, String filepath) throws IOException {
    InputStream raw;
    try {
      raw = inbox.read(checkedInboxName(user, filepath));
    } catch (NoSuchObjectException | InvalidObjectNameException e) {
      throw new UserErrorException(
          "the file " + filepath + " is not in your inbox", user, filepath, e);
    }
    try {
      BufferedInputStream in = new BufferedInputStream(raw, HEADER_BUFFER);
      Header header;
      try {
        header = Header.read(in);
      } catch (Crypt4ghException e) {
        throw notCrypt4gh(user, filepath, e);
      }
      DecryptedHeader decrypted = decrypt(header, user, filepath);
      Header sealed = decrypted.sealFor(List.of(archiveKey), Crypt4ghPrivateKey.generate());
      return new Opened(in, header.encode(), sealed.encode(), dataKeySha256(decrypted));
    } catch (IOException | RuntimeException e) {
      closeQuietly(raw);
      throw e;
    }
  }

  private DecryptedHeader decrypt(Header header, String user, String filepath) {
    NoDecryptablePacketException last = null;
    for (Crypt4ghPrivateKey key : submissionKeys) {
      try {
        return DecryptedHeader.open(header, key, Optional.empty());
      } catch (NoDecryptablePacketException e) {
        last = e;
      } catch (MalformedHeaderException e) {
        throw notCrypt4gh(user, filepath, e);
      } catch (Crypt4ghException e) {
        last = new NoDecryptablePacketException(e.getMessage());
      }
    }
    throw new UserErrorException(
        "the file " + filepath + " is not encrypted for this archive's key", user, filepath, last);
  }

  private static UserErrorException notCrypt4gh(String user, String filepath, Exception e) {
    return new UserErrorException(
        "the file " + filepath + " is not a Crypt4GH file: " + e.getMessage(), user, filepath, e);
  }

  /** SHA-256 (hex) of the file's data key (of its data keys, in header order, if several). */
  static String dataKeySha256(DecryptedHeader header) {
    MessageDigest sha256 = PipelinedDigests.digest("SHA-256");
    for (DataEncryptionParameters key : header.dataKeys()) {
      byte[] bytes = key.dataKey();
      sha256.update(bytes);
      Arrays.fill(bytes, (byte) 0);
    }
    return HEX.formatHex(sha256.digest());
  }

  /**
   * Streams the body of an opened file to the archive object {@code <file-uuid>} and writes the
   * header object {@code <file-uuid>.header}, computing the archived body's SHA-256 and, for each
   * type in {@code expected}, the checksum of the whole inbox file, which must match.
   *
   * @param expected the checksums the hub gave for the inbox file (may be empty)
   * @throws UserErrorException if the body is truncated or the checksums do not match (the archive
   *     objects are deleted first)
   * @throws IOException if the inbox or the archive fails
   */
  public Archived archive(
      Opened opened, UUID fileId, String user, String filepath, List<Checksum> expected)
      throws IOException {
    List<Checksum> given =
        expected.stream().filter(checksum -> checksum != null && checksum.type() != null).toList();
    Map<ChecksumType, MessageDigest> fileDigests = new EnumMap<>(ChecksumType.class);
    for (Checksum checksum : given) {
      fileDigests.computeIfAbsent(
          checksum.type(), type -> PipelinedDigests.digest(type.algorithm()));
    }
    fileDigests.values().forEach(digest -> digest.update(opened.originalHeader()));
    List<MessageDigest> digests = new ArrayList<>(List.of(PipelinedDigests.digest("SHA-256")));
    digests.addAll(fileDigests.values());
    String name = fileId.toString();
    long bodySize;
    List<byte[]> results;
    try (PipelinedDigestStream body =
        new PipelinedDigestStream(opened.body(), digestPool, chunkSize, chunksInFlight, digests)) {
      bodySize = archive.write(name, body);
      if (!body.atEnd()) {
        throw new IOException("the archive stopped reading the body of " + fileId + " early");
      }
      results = body.digests();
    }
    String bodySha256 = HEX.formatHex(results.get(0));
    Map<ChecksumType, String> computed = new EnumMap<>(ChecksumType.class);
    int index = 1;
    for (ChecksumType type : fileDigests.keySet()) {
      computed.put(type, HEX.formatHex(results.get(index++)));
    }

    try {
      Segments.plaintextLength(bodySize);
    } catch (TruncatedException e) {
      deleteObjects(fileId);
      throw new UserErrorException(
          "the file " + filepath + " is truncated: " + e.getMessage(), user, filepath, e);
    }
    for (Checksum checksum : given) {
      if (!computed.get(checksum.type()).equalsIgnoreCase(checksum.value())) {
        LOG.infof(
            "the %s given for file %s is %s, the inbox file's is %s",
            checksum.type().jsonName(), fileId, checksum.value(), computed.get(checksum.type()));
        deleteObjects(fileId);
        throw new UserErrorException(
            "the checksums given for " + filepath + " do not match the uploaded file",
            user,
            filepath);
      }
    }
    writeHeader(fileId, opened.archiveHeader());
    return new Archived(name, bodySize, bodySha256, computed);
  }

  /** Writes (or replaces) a file's header object {@code <file-uuid>.header}. */
  public void writeHeader(UUID fileId, byte[] header) throws IOException {
    archive.write(fileId + HEADER_SUFFIX, new ByteArrayInputStream(header));
  }

  /** Deletes a file's archive objects (body and header); deleting missing ones is fine. */
  public void deleteObjects(UUID fileId) throws IOException {
    archive.delete(fileId.toString());
    archive.delete(fileId + HEADER_SUFFIX);
  }

  @Override
  public void close() {
    digestPool.shutdown();
  }

  private static String checkedInboxName(String user, String filepath) {
    if (user == null || user.isEmpty() || user.contains("/") || filepath == null) {
      throw new InvalidObjectNameException(String.valueOf(user), "not a user name");
    }
    return ObjectNames.validate(InboxPaths.objectName(user, filepath));
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException e) {
      // nothing more to do
    }
  }

  /**
   * An inbox file whose header is read and opened; the stream is at the first byte of the body.
   * Close it.
   *
   * @param body the inbox file from the body on
   * @param originalHeader the header's bytes as in the inbox file
   * @param archiveHeader the header re-encrypted for the archive key alone
   * @param dataKeySha256 SHA-256 (hex) of the data key
   */
  public record Opened(
      InputStream body, byte[] originalHeader, byte[] archiveHeader, String dataKeySha256)
      implements AutoCloseable {

    @Override
    public void close() {
      closeQuietly(body);
    }

    @Override
    public String toString() {
      return "Opened[header=" + originalHeader.length + " bytes]";
    }
  }

  /**
   * What was archived.
   *
   * @param location the body's object name ({@code <file-uuid>})
   * @param bodySize the body's size
   * @param bodySha256 SHA-256 (hex) of the body
   * @param inboxChecksums the whole inbox file's checksums computed (the types the hub gave)
   */
  public record Archived(
      String location,
      long bodySize,
      String bodySha256,
      Map<ChecksumType, String> inboxChecksums) {}
}
