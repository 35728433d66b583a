package io.lega.finalize.messaging;

import io.lega.contracts.Checksum;
import io.lega.contracts.ChecksumType;
import io.lega.contracts.IngestionAccession;
import io.lega.contracts.IngestionCompletion;
import io.lega.contracts.MessageCodec;
import io.lega.contracts.RoutingKeys;
import io.lega.finalize.service.BackupCopier;
import io.lega.finalize.service.InboxCleaner;
import io.lega.node.store.AccessionIdMismatchException;
import io.lega.node.store.AccessionIdTakenException;
import io.lega.node.store.FileWrites;
import io.lega.node.store.NewEvent;
import io.lega.node.store.NodeStore;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileState;
import io.lega.node.worker.InboxPaths;
import io.lega.node.worker.NodeBroker;
import io.lega.node.worker.RefusedRequestException;
import io.lega.platform.broker.FileIds;
import io.lega.platform.broker.MessageContext;
import io.lega.platform.error.SystemErrorException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Handles queue {@code accession}: the hub's accession id for a verified file. Records the id,
 * backs the archived objects up (if configured), marks the file ready, removes the upload from the
 * inbox (if configured) and sends {@code files.completed} to the hub. The steps and what each
 * failure does are in the module's README.
 *
 * <p>Idempotent: a file already ready with the same accession id only gets its inbox cleaned (if
 * that was left undone) and {@code files.completed} sent again. Two instances handling the same
 * message at once record one {@code ready} event, and only the one that recorded it publishes.
 */
public final class AccessionHandler {

  /** The actor recorded on the events this service records. */
  public static final String ACTOR = "finalize-service";

  private static final Logger LOG = Logger.getLogger(AccessionHandler.class);

  /** How an accession ended (the {@code outcome} tag of timer {@code lega.finalize.accessions}). */
  public enum Outcome {
    /** The file was made ready and the hub told. */
    READY,
    /** The file was ready already with this accession id: the hub was told again. */
    COMPLETED_AGAIN,
    /** Another delivery of the same message made the file ready meanwhile, and tells the hub. */
    READY_ELSEWHERE;

    /** The tag value. */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final NodeStore store;
  private final NodeBroker broker;
  private final Optional<BackupCopier> backup;
  private final Optional<InboxCleaner> inbox;
  private final MessageCodec codec = MessageCodec.shared();

  private static final Set<FileState> VERIFIED = EnumSet.of(FileState.VERIFIED);

  /**
   * @param store the node's files
   * @param broker where {@code files.completed} is published
   * @param backup the backup copier, or empty if backups are off
   * @param inbox the inbox cleaner, or empty if inbox files are kept
   */
  public AccessionHandler(
      NodeStore store,
      NodeBroker broker,
      Optional<BackupCopier> backup,
      Optional<InboxCleaner> inbox) {
    this.store = Objects.requireNonNull(store, "store");
    this.broker = Objects.requireNonNull(broker, "broker");
    this.backup = Objects.requireNonNull(backup, "backup");
    this.inbox = Objects.requireNonNull(inbox, "inbox");
  }

  /**
   * Finalizes the file the message is about (its correlation id).
   *
   * @throws RefusedRequestException if the node refuses the accession (reported to the hub, the
   *     file keeps its state)
   * @throws io.lega.contracts.MalformedMessageException if the correlation id is missing or not a
   *     UUID
   * @throws SystemErrorException (or any other runtime exception) if the database, a storage or the
   *     broker fails: retried
   * @return how it ended
   */
  public Outcome handle(IngestionAccession message, MessageContext context) {
    FileEntity file = find(FileIds.of(context), message); // 1. find the file
    if (file.state == FileState.READY) {
      return completeAgain(file, message, context);
    }
    requireVerified(message, file.state);
    Map<ChecksumType, String> decrypted = decryptedChecksums(file.id);
    requireSameChecksums(message, decrypted); // 2. compare checksums
    recordAccessionId(message, file.id); // 3.
    backup.ifPresent(copier -> backUp(copier, file)); // 4.
    boolean recorded = markReady(message, file); // 5.
    inbox.ifPresent(cleaner -> cleaner.remove(file)); // 6. clean the inbox
    if (!recorded) {
      // another instance marked it ready with this message meanwhile; it publishes, and if it
      // crashed first its redelivered message finds the file ready and publishes then
      LOG.infof("the file was marked ready with %s by another delivery", message.accessionId());
      return Outcome.READY_ELSEWHERE;
    }
    LOG.infof("the file is ready with accession id %s", message.accessionId());
    complete(file, message.accessionId(), decrypted, context); // 7. tell the hub
    return Outcome.READY;
  }

  /** The file the message names. */
  private FileEntity find(UUID fileId, IngestionAccession message) {
    FileEntity file =
        store
            .file(fileId)
            .orElseThrow(
                () -> refused(message, "unknown file: this node has no file with id " + fileId));
    if (!InboxPaths.sameFile(file, message.user(), message.filepath())) {
      throw refused(
          message,
          "the file with id " + fileId + " is not " + message.filepath() + " of " + message.user());
    }
    return file;
  }

  /** A file ready already with this accession id: a redelivery, steps 6 and 7 again. */
  private Outcome completeAgain(
      FileEntity file, IngestionAccession message, MessageContext context) {
    String accessionId = message.accessionId();
    if (!accessionId.equals(file.accessionId)) {
      throw refused(
          message,
          "the file is ready with accession id " + file.accessionId + ", not " + accessionId);
    }
    LOG.infof("the file is ready with %s already: sending files.completed again", accessionId);
    inbox.ifPresent(cleaner -> cleaner.remove(file));
    complete(file, accessionId, decryptedChecksums(file.id), context);
    return Outcome.COMPLETED_AGAIN;
  }

  private static void requireVerified(IngestionAccession message, FileState state) {
    if (state != FileState.VERIFIED) {
      throw notVerified(message, state);
    }
  }

  private static RefusedRequestException notVerified(IngestionAccession message, FileState state) {
    return switch (state) {
      case DISABLED -> refused(message, "the file was cancelled");
      case ERROR -> refused(message, "the file failed ingestion or verification");
      default -> refused(message, "the file is not verified yet (state " + state.value() + ")");
    };
  }

  private Map<ChecksumType, String> decryptedChecksums(UUID fileId) {
    Map<ChecksumType, String> decrypted = store.checksums(fileId, ChecksumSource.DECRYPTED);
    if (decrypted.isEmpty()) {
      throw new SystemErrorException(
          "file " + fileId + " has no decrypted checksums although verify passed it");
    }
    return decrypted;
  }

  /** Every checksum the hub echoes must be the one verify computed. */
  private static void requireSameChecksums(
      IngestionAccession message, Map<ChecksumType, String> decrypted) {
    for (Checksum checksum : message.decryptedChecksums()) {
      ChecksumType type = checksum.type();
      String verified = decrypted.get(type);
      if (verified == null) {
        throw refused(
            message,
            "the file has no verified " + type.jsonName() + " checksum to compare the hub's with");
      }
      if (!verified.equalsIgnoreCase(checksum.value())) {
        throw refused(
            message,
            "the decrypted %s checksum %s is not the file's (%s)"
                .formatted(type.jsonName(), checksum.value(), verified));
      }
    }
  }

  /**
   * 3. Records the accession id, under the row's lock and only on a file still verified: a cancel
   * recorded meanwhile wins, and the accession id never lands on a disabled file.
   */
  private void recordAccessionId(IngestionAccession message, UUID fileId) {
    String accessionId = message.accessionId();
    FileState state;
    try {
      state = store.write(fileId, VERIFIED, FileWrites.NONE.withAccessionId(accessionId));
    } catch (AccessionIdTakenException e) {
      LOG.warnf("accession id %s is taken: %s", accessionId, e.getMessage());
      throw refused(message, "accession id " + accessionId + " is already given to another file");
    } catch (AccessionIdMismatchException e) {
      throw refused(
          message, "the file already has accession id " + e.stored() + ", not " + accessionId);
    }
    requireVerified(message, state);
  }

  private void backUp(BackupCopier copier, FileEntity file) {
    if (file.archiveLocation == null || file.archiveSize == null) {
      throw new SystemErrorException(
          "file " + file.id + " is verified but has no archive location");
    }
    String archivedSha256 =
        store.checksums(file.id, ChecksumSource.ARCHIVED).get(ChecksumType.SHA256);
    if (archivedSha256 == null) {
      throw new SystemErrorException(
          "file " + file.id + " has no archived sha256 to verify the backup copy with");
    }
    String location = copier.copy(file.archiveLocation, file.archiveSize, archivedSha256);
    store.setBackupLocation(file.id, location);
  }

  /**
   * 5. Records {@code ready} if the file is still verified, under the row's lock, so that a cancel
   * recorded meanwhile is not overwritten; then the backup copy this attempt made is removed.
   *
   * @return whether this call recorded it ({@code false}: it was ready already)
   */
  private boolean markReady(IngestionAccession message, FileEntity file) {
    String messageJson = new String(codec.encode(message), StandardCharsets.UTF_8);
    FileState before =
        store.transition(
            file.id, VERIFIED, NewEvent.of(FileEvent.READY, ACTOR, messageJson), FileWrites.NONE);
    if (before == FileState.READY) {
      return false;
    }
    if (before != FileState.VERIFIED) {
      // a cancel was recorded while the file was backed up: its archive objects are gone, and so
      // must be the copy this attempt made
      backup.ifPresent(copier -> copier.remove(file.archiveLocation));
      throw notVerified(message, before);
    }
    return true;
  }

  private void complete(
      FileEntity file,
      String accessionId,
      Map<ChecksumType, String> decrypted,
      MessageContext context) {
    List<Checksum> checksums =
        Stream.of(ChecksumType.SHA256, ChecksumType.MD5)
            .filter(type -> decrypted.get(type) != null)
            .map(type -> new Checksum(type, decrypted.get(type)))
            .toList();
    broker.toHub(
        RoutingKeys.FILES_COMPLETED,
        new IngestionCompletion(file.submissionUser, file.inboxPath, accessionId, checksums),
        context.correlationId());
    LOG.infof("sent files.completed for %s", accessionId);
  }

  private static RefusedRequestException refused(IngestionAccession message, String reason) {
    return new RefusedRequestException(reason, message.user(), message.filepath());
  }
}
