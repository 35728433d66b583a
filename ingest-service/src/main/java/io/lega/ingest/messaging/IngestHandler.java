package io.lega.ingest.messaging;

import io.lega.contracts.Checksum;
import io.lega.contracts.ChecksumType;
import io.lega.contracts.FileArchived;
import io.lega.contracts.HubToNodeMessage;
import io.lega.contracts.IngestionCancel;
import io.lega.contracts.IngestionTrigger;
import io.lega.contracts.MalformedMessageException;
import io.lega.contracts.MessageCodec;
import io.lega.ingest.service.Archiver;
import io.lega.node.store.ArchiveInfo;
import io.lega.node.store.DuplicateDataKeyException;
import io.lega.node.store.FileWrites;
import io.lega.node.store.InboxPathInUseException;
import io.lega.node.store.NewEvent;
import io.lega.node.store.NewFile;
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
import io.lega.platform.error.UserErrorException;
import io.lega.platform.storage.ObjectInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Handles queue {@code ingest}: {@code ingest} (archive a submitted file) and {@code cancel} (take
 * it out of the pipeline). The steps and what each failure does are in the module's README.
 *
 * <p>Idempotent: an ingest of a file archived already only sends {@code archived} again; a file
 * verified or ready is left alone; a cancel of a disabled file changes nothing. Two deliveries of
 * one file at once write the same body; the database records one {@code archived} event, and only
 * the delivery that recorded it publishes.
 */
public final class IngestHandler {

  /** The actor recorded on the events this service records. */
  public static final String ACTOR = "ingest-service";

  /** The node queue (routing key) of archived files, consumed by verify. */
  public static final String ARCHIVED_ROUTING_KEY = "archived";

  /** The reason recorded on a file the hub cancelled. */
  public static final String CANCELLED = "cancelled by the hub";

  private static final Logger LOG = Logger.getLogger(IngestHandler.class);

  /** The states an ingest (re)starts from: anything before archived, and error. */
  private static final Set<FileState> CLAIMABLE =
      EnumSet.of(FileState.REGISTERED, FileState.UPLOADED, FileState.SUBMITTED, FileState.ERROR);

  private final NodeStore store;
  private final NodeBroker broker;
  private final Archiver archiver;
  private final MessageCodec codec = MessageCodec.shared();

  /**
   * @param store the node's files and datasets (a cancel is refused for a file in a dataset)
   * @param broker where {@code archived} is published
   * @param archiver the inbox, the archive and the keys
   */
  public IngestHandler(NodeStore store, NodeBroker broker, Archiver archiver) {
    this.store = Objects.requireNonNull(store, "store");
    this.broker = Objects.requireNonNull(broker, "broker");
    this.archiver = Objects.requireNonNull(archiver, "archiver");
  }

  /**
   * Dispatches on the message's type.
   *
   * @throws MalformedMessageException for another type, a missing correlation id, or a message that
   *     contradicts the node's record of the file (quarantined)
   * @throws UserErrorException if the submission is at fault (reported to the hub)
   * @throws IOException if the inbox or the archive fails (retried)
   */
  public void handle(HubToNodeMessage message, MessageContext context) throws IOException {
    if (message instanceof IngestionTrigger trigger) {
      ingest(trigger, context);
    } else if (message instanceof IngestionCancel cancel) {
      cancel(cancel, context);
    } else {
      throw new MalformedMessageException(
          "queue ingest takes ingest and cancel messages, not " + message.type());
    }
  }

  // ------------------------------------------------------------------------------------- ingest

  private void ingest(IngestionTrigger trigger, MessageContext context) throws IOException {
    UUID fileId = FileIds.of(context);
    Optional<FileEntity> known = store.file(fileId); // 1. check the file's state
    if (known.isPresent()) {
      InboxPaths.requireSameFile(known.get(), trigger.user(), trigger.filepath());
      if (!mustArchive(known.get().state, fileId, trigger, context)) {
        return;
      }
    }
    try {
      if (claim(fileId, trigger, context)) {
        archive(fileId, trigger, context);
      }
    } catch (UserErrorException e) {
      // nothing of this file may stay in the archive, whatever attempt left it there
      archiver.deleteObjects(fileId);
      LOG.infof("ingestion refused: %s", e.reason());
      throw e;
    }
  }

  /**
   * What an ingest of a file in {@code state} does: {@code true} to archive it (registered,
   * uploaded, submitted by an interrupted or concurrent attempt, or in error); otherwise it sends
   * {@code archived} again (archived), does nothing (verified, ready) or refuses (disabled).
   */
  private boolean mustArchive(
      FileState state, UUID fileId, IngestionTrigger trigger, MessageContext context) {
    switch (state) {
      case ARCHIVED -> {
        LOG.info("the file is archived already: sending archived again");
        publishArchived(fileId, context);
        return false;
      }
      case VERIFIED, READY -> {
        LOG.infof("the file is %s already: nothing to do", state.value());
        return false;
      }
      case DISABLED ->
          throw new RefusedRequestException(
              "the ingestion was cancelled: " + trigger.filepath() + " is disabled",
              trigger.user(),
              trigger.filepath());
      default -> {
        return true;
      }
    }
  }

  /**
   * 2. Registers the file if it is new and records {@code submitted}, in one transaction under the
   * row's lock, unless another delivery of the same trigger took the file further meanwhile: a
   * later state is never set back to {@code submitted}.
   *
   * @return whether to archive the file
   */
  private boolean claim(UUID fileId, IngestionTrigger trigger, MessageContext context)
      throws IOException {
    String user = trigger.user();
    String filepath = trigger.filepath();
    Optional<ObjectInfo> inboxFile = archiver.statInbox(user, filepath);
    NewFile file =
        new NewFile(
            fileId,
            user,
            filepath,
            inboxFile.map(ObjectInfo::size).orElse(null),
            inboxFile.map(ObjectInfo::lastModified).orElse(null));
    FileState before;
    try {
      before =
          store.claim(
              file,
              FileEvent.UPLOADED,
              CLAIMABLE,
              NewEvent.of(FileEvent.SUBMITTED, ACTOR, json(trigger)));
    } catch (InboxPathInUseException e) {
      throw new UserErrorException(
          "another file at "
              + filepath
              + " is still being ingested: wait until it is done, or cancel it",
          user,
          filepath,
          e);
    } catch (DuplicateDataKeyException e) {
      throw alreadySubmitted(user, filepath, e);
    }
    if (CLAIMABLE.contains(before)) {
      return true;
    }
    LOG.infof("another delivery took the file to %s meanwhile", before.value());
    mustArchive(before, fileId, trigger, context);
    return false;
  }

  /** 3. to 8.: opens, checks, archives and records the file, then tells verify. */
  private void archive(UUID fileId, IngestionTrigger trigger, MessageContext context)
      throws IOException {
    String user = trigger.user();
    String filepath = trigger.filepath();
    try (Archiver.Opened opened = archiver.open(user, filepath)) {
      refuseSubmittedTwice(fileId, opened.dataKeySha256(), user, filepath);
      Archiver.Archived archived =
          archiver.archive(opened, fileId, user, filepath, trigger.encryptedChecksums());
      FileArchived message =
          archivedMessage(fileId, user, filepath, archived.location(), archived.bodySha256());
      FileState before = recordArchived(fileId, opened, archived, message);
      afterRecord(before, fileId, archived, message, context);
    }
  }

  /** 4. Another live file with the same data key is the same file submitted twice. */
  private void refuseSubmittedTwice(UUID fileId, String dataKeySha256, String user, String path) {
    Optional<FileEntity> holder = store.liveFileWithDataKey(dataKeySha256);
    if (holder.isPresent() && !holder.get().id.equals(fileId)) {
      LOG.infof(
          "the data key is that of file %s (%s)", holder.get().id, holder.get().state.value());
      throw alreadySubmitted(user, path, null);
    }
  }

  /**
   * 7. Records the archive information, the checksums and {@code archived} in one transaction, if
   * the file is still submitted, under the row's lock.
   *
   * @return the file's state before: {@code submitted} if this call recorded it
   */
  private FileState recordArchived(
      UUID fileId, Archiver.Opened opened, Archiver.Archived archived, FileArchived message) {
    FileWrites writes =
        FileWrites.NONE
            .withArchive(
                new ArchiveInfo(
                    opened.archiveHeader(),
                    opened.dataKeySha256(),
                    archived.location(),
                    archived.bodySize()))
            .withChecksums(
                ChecksumSource.ARCHIVED, Map.of(ChecksumType.SHA256, archived.bodySha256()))
            .withChecksums(ChecksumSource.UPLOADED, archived.inboxChecksums());
    try {
      return store.transition(
          fileId,
          EnumSet.of(FileState.SUBMITTED),
          NewEvent.of(FileEvent.ARCHIVED, ACTOR, json(message)),
          writes);
    } catch (DuplicateDataKeyException e) {
      throw alreadySubmitted(message.user(), message.filepath(), e); // lost a race: another id
    }
  }

  /** 8. Publishes {@code archived} if this delivery recorded it; else tidies the archive. */
  private void afterRecord(
      FileState before,
      UUID fileId,
      Archiver.Archived archived,
      FileArchived message,
      MessageContext context)
      throws IOException {
    switch (before) {
      case SUBMITTED -> {
        LOG.infof(
            "archived: %d bytes of body as %s, sha256 %s",
            archived.bodySize(), archived.location(), archived.bodySha256());
        broker.toNode(ARCHIVED_ROUTING_KEY, message, context.correlationId());
      }
      case DISABLED, ERROR -> {
        LOG.infof(
            "the file became %s while it was archived: its objects are removed", before.value());
        archiver.deleteObjects(fileId);
      }
      default -> {
        // another delivery of this file recorded its own header (each re-encryption differs,
        // though all open to the same data key): keep the header object equal to the database's
        LOG.infof("the file was %s by another delivery meanwhile", before.value());
        Optional<byte[]> recorded = store.file(fileId).map(winner -> winner.header);
        if (recorded.isPresent()) {
          archiver.writeHeader(fileId, recorded.get());
        }
      }
    }
  }

  private static UserErrorException alreadySubmitted(
      String user, String filepath, Throwable cause) {
    return new UserErrorException(
        "this file was already submitted: its data key is used by an archived file",
        user,
        filepath,
        cause);
  }

  /** Sends {@code archived} again, from the stored values. */
  private void publishArchived(UUID fileId, MessageContext context) {
    FileEntity file =
        store
            .file(fileId)
            .orElseThrow(() -> new SystemErrorException("file " + fileId + " is gone"));
    String sha256 = store.checksums(fileId, ChecksumSource.ARCHIVED).get(ChecksumType.SHA256);
    if (sha256 == null || file.archiveLocation == null) {
      throw new SystemErrorException(
          "file " + fileId + " is archived but has no archive location or archived checksum");
    }
    broker.toNode(
        ARCHIVED_ROUTING_KEY,
        archivedMessage(fileId, file.submissionUser, file.inboxPath, file.archiveLocation, sha256),
        context.correlationId());
  }

  private static FileArchived archivedMessage(
      UUID fileId, String user, String filepath, String location, String sha256) {
    return new FileArchived(
        fileId.toString(), user, filepath, location, List.of(Checksum.sha256(sha256)));
  }

  // ------------------------------------------------------------------------------------- cancel

  private void cancel(IngestionCancel cancel, MessageContext context) throws IOException {
    UUID fileId = FileIds.of(context);
    Optional<FileEntity> known = store.file(fileId);
    if (known.isEmpty()) {
      LOG.info("cancel of a file the node does not know: nothing to cancel");
      return;
    }
    FileEntity file = known.get();
    InboxPaths.requireSameFile(file, cancel.user(), cancel.filepath());
    if (file.state == FileState.DISABLED) {
      LOG.info("the file is disabled already: nothing to cancel");
      return;
    }
    if (store.isInAnyDataset(fileId)) {
      throw new RefusedRequestException(
          "the file is in a dataset and cannot be cancelled", cancel.user(), cancel.filepath());
    }
    archiver.deleteObjects(fileId);
    boolean recorded =
        store.recordEvent(fileId, new NewEvent(FileEvent.DISABLED, ACTOR, CANCELLED, json(cancel)));
    LOG.infof(
        "cancelled (was %s): archive objects removed%s",
        file.state.value(), recorded ? "" : ", already disabled");
    if (file.backupLocation != null) {
      LOG.warnf(
          "the cancelled file has a backup copy %s (and its .header) that ingest cannot reach:"
              + " remove it from the backup storage",
          file.backupLocation);
    }
  }

  private String json(io.lega.contracts.Message message) {
    return new String(codec.encode(message), StandardCharsets.UTF_8);
  }
}
