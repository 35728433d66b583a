package io.lega.verify.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.contracts.AccessionRequest;
import io.lega.contracts.Checksum;
import io.lega.contracts.ChecksumType;
import io.lega.contracts.FileArchived;
import io.lega.contracts.IngestionTrigger;
import io.lega.contracts.MalformedMessageException;
import io.lega.contracts.MessageCodec;
import io.lega.contracts.RoutingKeys;
import io.lega.crypt4gh.body.PlaintextSelection;
import io.lega.crypt4gh.error.SegmentAuthenticationException;
import io.lega.crypt4gh.error.TruncatedException;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.node.store.FileWrites;
import io.lega.node.store.NewEvent;
import io.lega.node.store.NodeStore;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileState;
import io.lega.node.worker.InboxPaths;
import io.lega.node.worker.NodeBroker;
import io.lega.platform.broker.FileIds;
import io.lega.platform.broker.MessageContext;
import io.lega.platform.error.SystemErrorException;
import io.lega.platform.error.UserErrorException;
import io.lega.platform.storage.NoSuchObjectException;
import io.lega.platform.storage.Storage;
import io.lega.verify.service.BodyVerifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Handles queue {@code archived}: decrypts the archived body of a file with the archive key,
 * authenticating every segment, computes the plaintext SHA-256 and MD5 in the same pass, checks
 * them against what the submitter declared, records them and asks the hub for an accession id
 * ({@code files.verified}). The steps and what each failure does are in the module's README.
 *
 * <p>Idempotent: a file verified already only gets {@code files.verified} sent again. Two
 * deliveries verifying the same file at once record one {@code verified} event, and only the one
 * that recorded it publishes.
 */
public final class ArchivedHandler {

  /** The actor recorded on the events this service records. */
  public static final String ACTOR = "verify-service";

  /** Suffix of the header object beside each archived body. */
  public static final String HEADER_SUFFIX = ".header";

  private static final Logger LOG = Logger.getLogger(ArchivedHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NodeStore store;
  private final NodeBroker broker;
  private final Storage archive;
  private final Crypt4ghPrivateKey archiveKey;
  private final BodyVerifier verifier;
  private final MessageCodec codec = MessageCodec.shared();

  /**
   * @param store the node's files
   * @param broker where {@code files.verified} is published
   * @param archive the archive storage
   * @param archiveKey the archive key's private half
   * @param verifier the decryption and hashing pipeline
   */
  public ArchivedHandler(
      NodeStore store,
      NodeBroker broker,
      Storage archive,
      Crypt4ghPrivateKey archiveKey,
      BodyVerifier verifier) {
    this.store = Objects.requireNonNull(store, "store");
    this.broker = Objects.requireNonNull(broker, "broker");
    this.archive = Objects.requireNonNull(archive, "archive");
    this.archiveKey = Objects.requireNonNull(archiveKey, "archiveKey");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
  }

  /**
   * Verifies the file the message is about (its correlation id).
   *
   * @throws UserErrorException if the archived file is corrupt or does not match what the submitter
   *     declared (its archived objects are deleted first; the reporter records the error and tells
   *     the hub)
   * @throws MalformedMessageException if the correlation id is missing, or names a file the node
   *     never archived, or the message contradicts the file's record (quarantined)
   * @throws SystemErrorException (or any other runtime exception, or an {@link IOException}) if the
   *     database, the archive or the broker fails: retried, then quarantined
   */
  public void handle(FileArchived message, MessageContext context) throws IOException {
    UUID fileId = FileIds.of(context);
    if (!fileId.toString().equalsIgnoreCase(message.fileId())) {
      throw new MalformedMessageException(
          "the message's file_id " + message.fileId() + " is not its correlation id " + fileId);
    }
    FileEntity file =
        store
            .file(fileId)
            .orElseThrow(
                () ->
                    new MalformedMessageException(
                        "file " + fileId + " is unknown to this node: it never archived it"));
    InboxPaths.requireSameFile(file, message.user(), message.filepath());

    switch (file.state) {
      case ARCHIVED -> verify(file, message, context);
      case VERIFIED, READY -> {
        if (message.reVerify()) {
          reVerify(file, message);
        } else {
          LOG.infof("the file is %s already: sending files.verified again", file.state.value());
          publishVerified(file, store.checksums(fileId, ChecksumSource.DECRYPTED), context);
        }
      }
      case DISABLED, ERROR -> LOG.infof("the file is %s: nothing to verify", file.state.value());
      default ->
          // ingest records archived before it publishes; this is a message ahead of its commit
          throw new SystemErrorException(
              "file " + fileId + " is not archived yet (state " + file.state.value() + ")");
    }
  }

  private void verify(FileEntity file, FileArchived message, MessageContext context)
      throws IOException {
    BodyVerifier.Result result = check(file, message, declaredChecksums(file), true);

    String messageJson = new String(codec.encode(message), StandardCharsets.UTF_8);
    FileState before = recordVerified(file.id, result, messageJson);
    switch (before) {
      case ARCHIVED -> {
        LOG.infof(
            "verified: %d bytes of plaintext, sha256 %s, md5 %s",
            result.plaintextSize(), result.sha256(), result.md5());
        publishVerified(file, decrypted(result), context);
      }
      case VERIFIED, READY ->
          // another delivery recorded it meanwhile: it publishes, and if it crashed first its
          // redelivered message finds the file verified and publishes then
          LOG.info("the file was verified by another delivery meanwhile");
      default ->
          LOG.infof("the file became %s while it was verified: nothing recorded", before.value());
    }
  }

  /**
   * Checks a file verified before again (e.g. after a storage migration). The archive is not the
   * submitter's fault, and the file may be in a released dataset: a failure deletes nothing and
   * reports nothing to the hub; it is a system error for an operator (retried, then quarantined).
   */
  private void reVerify(FileEntity file, FileArchived message) throws IOException {
    Map<ChecksumType, String> verified = store.checksums(file.id, ChecksumSource.DECRYPTED);
    try {
      BodyVerifier.Result result = check(file, message, verified, false);
      LOG.infof("re-verified: sha256 %s, md5 %s still match", result.sha256(), result.md5());
    } catch (UserErrorException e) {
      LOG.errorf(
          "re-verification of file %s (%s) failed: %s; the archive copy is damaged, restore it"
              + " from the backup",
          file.id, file.state.value(), e.reason());
      throw new SystemErrorException("re-verification failed: " + e.reason(), e);
    }
  }

  /**
   * Opens the header, reads the body once and checks everything.
   *
   * @param declared plaintext checksums the result must match
   * @param deleteOnFailure delete the archived objects before throwing a user error
   */
  private BodyVerifier.Result check(
      FileEntity file,
      FileArchived message,
      Map<ChecksumType, String> declared,
      boolean deleteOnFailure)
      throws IOException {
    String location = requireLocation(file, message);
    DecryptedHeader header = openHeader(file);

    BodyVerifier.Result result;
    try (InputStream body = archive.read(location)) {
      result = verifier.verify(body, header.dataKeys(), PlaintextSelection.of(header.editList()));
    } catch (SegmentAuthenticationException e) {
      throw failed(
          file,
          deleteOnFailure,
          "segment %s of %s failed authentication: the file is corrupt"
              .formatted(e.segmentIndex(), file.inboxPath),
          e);
    } catch (TruncatedException e) {
      throw failed(
          file,
          deleteOnFailure,
          "the encrypted content of " + file.inboxPath + " is truncated: the file is corrupt",
          e);
    } catch (NoSuchObjectException e) {
      // a wrong bucket or root would otherwise fail every file: an operator must look
      throw new SystemErrorException(
          "the archived body " + location + " of file " + file.id + " is missing", e);
    }

    checkArchivedCopy(file, message, result, deleteOnFailure);
    for (Map.Entry<ChecksumType, String> expected : declared.entrySet()) {
      String computed = expected.getKey() == ChecksumType.SHA256 ? result.sha256() : result.md5();
      if (!computed.equalsIgnoreCase(expected.getValue())) {
        throw notDeclared(file, deleteOnFailure, expected.getKey());
      }
    }
    return result;
  }

  /** The body must be the bytes ingest archived: same size, same SHA-256. */
  private void checkArchivedCopy(
      FileEntity file, FileArchived message, BodyVerifier.Result result, boolean deleteOnFailure) {
    List<String> problems = new ArrayList<>();
    if (file.archiveSize != null && file.archiveSize != result.bodySize()) {
      problems.add("size " + result.bodySize() + " instead of " + file.archiveSize);
    }
    Optional<String> announced = Checksum.find(message.encryptedChecksums(), ChecksumType.SHA256);
    if (announced.isPresent() && !announced.get().equalsIgnoreCase(result.bodySha256())) {
      problems.add("sha256 " + result.bodySha256() + " instead of " + announced.get());
    }
    String stored = store.checksums(file.id, ChecksumSource.ARCHIVED).get(ChecksumType.SHA256);
    if (stored != null && !stored.equalsIgnoreCase(result.bodySha256())) {
      problems.add("sha256 " + result.bodySha256() + " instead of the recorded " + stored);
    }
    if (!problems.isEmpty()) {
      LOG.errorf("the archived body of file %s is not what ingest archived: %s", file.id, problems);
      throw failed(
          file,
          deleteOnFailure,
          "the archived copy of "
              + file.inboxPath
              + " is damaged (it differs from what was archived): submit the file again",
          null);
    }
  }

  private String requireLocation(FileEntity file, FileArchived message) {
    if (file.archiveLocation == null) {
      throw inconsistent(file, "the file has no archive location", null);
    }
    if (!file.archiveLocation.equals(message.archivePath())) {
      throw new MalformedMessageException(
          "archive_path %s is not where file %s was archived (%s)"
              .formatted(message.archivePath(), file.id, file.archiveLocation));
    }
    return file.archiveLocation;
  }

  /**
   * The header stored in the database, opened with the archive key. If it cannot be opened the
   * archive is inconsistent (or the service has the wrong key): a user error, but the archived
   * objects are kept for an operator to look at.
   */
  private DecryptedHeader openHeader(FileEntity file) {
    if (file.header == null) {
      throw inconsistent(file, "the file has no archived header", null);
    }
    try {
      Header header = Header.read(new ByteArrayInputStream(file.header));
      return DecryptedHeader.open(header, archiveKey, Optional.empty());
    } catch (IOException e) {
      throw inconsistent(
          file,
          "its archived header does not open with the archive key (is lega.keys.archive the"
              + " key ingest re-encrypts for?): "
              + e.getMessage(),
          e);
    }
  }

  private static UserErrorException inconsistent(FileEntity file, String detail, Throwable cause) {
    LOG.errorf("the archive is inconsistent for file %s: %s", file.id, detail);
    return new UserErrorException(
        "the archived copy of "
            + file.inboxPath
            + " cannot be decrypted: the archive is inconsistent, an operator was told",
        file.submissionUser,
        file.inboxPath,
        cause);
  }

  /** Deletes the archived objects (if asked to), then makes the user error to throw. */
  private UserErrorException failed(
      FileEntity file, boolean delete, String reason, Throwable cause) {
    LOG.warnf(
        "verification of file %s failed: %s%s",
        file.id, reason, cause == null ? "" : " (" + cause.getMessage() + ")");
    if (delete) {
      try {
        archive.delete(file.archiveLocation);
        archive.delete(file.archiveLocation + HEADER_SUFFIX);
      } catch (IOException e) {
        throw new StorageFailure("cannot delete the archived objects of file " + file.id, e);
      }
      LOG.infof("deleted the archived objects %s and its header", file.archiveLocation);
    }
    return new UserErrorException(reason, file.submissionUser, file.inboxPath, cause);
  }

  private UserErrorException notDeclared(FileEntity file, boolean delete, ChecksumType type) {
    String reason = "the decrypted content of " + file.inboxPath + " does not match the declared ";
    return failed(file, delete, reason + type.jsonName(), null);
  }

  /** A storage failure while cleaning up after a user error: a system error, retried. */
  static final class StorageFailure extends SystemErrorException {
    private static final long serialVersionUID = 1L;

    StorageFailure(String message, Throwable cause) {
      super(message + ": " + cause, cause);
    }
  }

  /**
   * What the submitter declared about the plaintext: the {@code decrypted_checksums} of the ingest
   * message kept on the file's latest {@code submitted} event, and any decrypted checksums ingest
   * stored. Two declarations of one type that differ are both checked (one will fail).
   */
  private Map<ChecksumType, String> declaredChecksums(FileEntity file) {
    Map<ChecksumType, String> declared =
        new EnumMap<>(store.checksums(file.id, ChecksumSource.DECRYPTED));
    Optional<String> trigger = store.latestMessage(file.id, FileEvent.SUBMITTED);
    if (trigger.isEmpty()) {
      return declared;
    }
    for (Checksum checksum : triggerChecksums(file.id, trigger.get())) {
      ChecksumType type = checksum.type();
      String earlier = declared.putIfAbsent(type, checksum.value());
      if (earlier != null && !earlier.equalsIgnoreCase(checksum.value())) {
        // cannot both hold; the mismatch with the content is reported
        LOG.warnf(
            "two different declared %s checksums for file %s: %s and %s",
            type.jsonName(), file.id, earlier, checksum.value());
        throw notDeclared(file, true, type);
      }
    }
    return declared;
  }

  private List<Checksum> triggerChecksums(UUID fileId, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    try {
      JsonNode tree = JSON.readTree(bytes);
      if (tree == null || !tree.has("decrypted_checksums")) {
        return List.of();
      }
      return codec.decode(bytes, IngestionTrigger.class).decryptedChecksums();
    } catch (IOException | RuntimeException e) {
      throw new SystemErrorException(
          "the submitted event of file " + fileId + " holds no valid ingestion trigger: " + e, e);
    }
  }

  private static Map<ChecksumType, String> decrypted(BodyVerifier.Result result) {
    return new EnumMap<>(
        Map.of(ChecksumType.SHA256, result.sha256(), ChecksumType.MD5, result.md5()));
  }

  /**
   * Records the checksums, the decrypted size and {@code verified} in one transaction, if the file
   * is still archived, under the row's lock.
   *
   * @return the file's state before: {@code archived} if this call recorded it
   */
  private FileState recordVerified(UUID fileId, BodyVerifier.Result result, String messageJson) {
    return store.transition(
        fileId,
        EnumSet.of(FileState.ARCHIVED),
        NewEvent.of(FileEvent.VERIFIED, ACTOR, messageJson),
        FileWrites.NONE
            .withChecksums(ChecksumSource.DECRYPTED, decrypted(result))
            .withDecryptedSize(result.plaintextSize()));
  }

  private void publishVerified(
      FileEntity file, Map<ChecksumType, String> decrypted, MessageContext context) {
    String sha256 = decrypted.get(ChecksumType.SHA256);
    String md5 = decrypted.get(ChecksumType.MD5);
    if (sha256 == null || md5 == null) {
      throw new SystemErrorException(
          "file " + file.id + " is " + file.state.value() + " but has no decrypted checksums");
    }
    broker.toHub(
        RoutingKeys.FILES_VERIFIED,
        new AccessionRequest(
            file.submissionUser,
            file.inboxPath,
            List.of(Checksum.sha256(sha256), Checksum.md5(md5))),
        context.correlationId());
    LOG.info("sent files.verified");
  }
}
