package io.lega.ingest.messaging;

import io.lega.contracts.Checksum;
import io.lega.contracts.FileArchived;
import io.lega.contracts.HubToNodeMessage;
import io.lega.contracts.IngestionCancel;
import io.lega.contracts.IngestionTrigger;
import io.lega.contracts.MalformedMessageException;
import io.lega.contracts.MessageCodec;
import io.lega.ingest.service.Archiver;
import io.lega.node.store.ArchiveInfo;
import io.lega.node.store.DatasetRepository;
import io.lega.node.store.DuplicateDataKeyException;
import io.lega.node.store.FileRepository;
import io.lega.node.store.InboxPathInUseException;
import io.lega.node.store.NewFile;
import io.lega.node.store.UnknownFileException;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.ChecksumType;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileState;
import io.lega.node.worker.FileIds;
import io.lega.node.worker.NodeBroker;
import io.lega.node.worker.RefusedRequestException;
import io.lega.node.worker.StoreCalls;
import io.lega.platform.broker.MessageContext;
import io.lega.platform.error.SystemErrorException;
import io.lega.platform.error.UserErrorException;
import io.lega.platform.storage.ObjectInfo;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
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

  private final FileRepository files;
  private final DatasetRepository datasets;
  private final NodeBroker broker;
  private final Archiver archiver;
  private final MessageCodec codec = MessageCodec.shared();

  /**
   * @param files the node's files
   * @param datasets the node's datasets (a cancel is refused for a file in one)
   * @param broker where {@code archived} is published
   * @param archiver the inbox, the archive and the keys
   */
  public IngestHandler(
      FileRepository files, DatasetRepository datasets, NodeBroker broker, Archiver archiver) {
    this.files = Objects.requireNonNull(files, "files");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
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
    String user = trigger.user();
    String filepath = trigger.filepath();
    FileEntity known = find(fileId);
    if (known != null) {
      requireSameFile(known, user, filepath);
      if (!mustArchive(known.state, fileId, user, filepath, context)) {
        return;
      }
    }
    try {
      archive(fileId, trigger, context);
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
      FileState state, UUID fileId, String user, String filepath, MessageContext context) {
    switch (state) {
      case ARCHIVED -> {
        LOG.info("the file is archived already: sending archived again");
        publishArchived(find(fileId), context);
        return false;
      }
      case VERIFIED, READY -> {
        LOG.infof("the file is %s already: nothing to do", state.value());
        return false;
      }
      case DISABLED ->
          throw new RefusedRequestException(
              "the ingestion was cancelled: " + filepath + " is disabled", user, filepath);
      default -> {
        return true;
      }
    }
  }

  /**
   * Registers the file if it is new and records {@code submitted}, in one transaction under the
   * row's lock, unless the file went further meanwhile (another delivery of the same trigger
   * archived it): a later state is never set back to {@code submitted}.
   *
   * @return the file's state before the claim
   */
  private FileState claim(NewFile file, String triggerJson) {
    return StoreCalls.await(
        () ->
            Panache.withTransaction(
                () ->
                    files
                        .findById(file.id(), LockModeType.PESSIMISTIC_WRITE)
                        .chain(
                            current ->
                                current != null
                                    ? Uni.createFrom().item(current)
                                    : files.register(file, FileEvent.UPLOADED, ACTOR, triggerJson))
                        .chain(
                            current -> {
                              FileState before = current.state;
                              if (!CLAIMABLE.contains(before)) {
                                return Uni.createFrom().item(before);
                              }
                              return files
                                  .recordEvent(
                                      file.id(), FileEvent.SUBMITTED, ACTOR, null, triggerJson)
                                  .replaceWith(before);
                            })));
  }

  private void archive(UUID fileId, IngestionTrigger trigger, MessageContext context)
      throws IOException {
    String user = trigger.user();
    String filepath = trigger.filepath();
    String triggerJson = json(trigger);

    Optional<ObjectInfo> inboxFile = archiver.statInbox(user, filepath);
    NewFile file =
        new NewFile(
            fileId,
            user,
            filepath,
            inboxFile.map(ObjectInfo::size).orElse(null),
            inboxFile.map(ObjectInfo::lastModified).orElse(null));
    try {
      FileState before = claim(file, triggerJson);
      if (!CLAIMABLE.contains(before)) {
        LOG.infof("another delivery took the file to %s meanwhile", before.value());
        mustArchive(before, fileId, user, filepath, context);
        return;
      }
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

    Archiver.Archived archived;
    try (Archiver.Opened opened = archiver.open(user, filepath)) {
      FileEntity holder = StoreCalls.await(() -> files.findLiveByDataKey(opened.dataKeySha256()));
      if (holder != null && !holder.id.equals(fileId)) {
        LOG.infof("the data key is that of file %s (%s)", holder.id, holder.state.value());
        throw alreadySubmitted(user, filepath, null);
      }
      archived = archiver.archive(opened, fileId, user, filepath, trigger.encryptedChecksums());

      FileArchived message =
          new FileArchived(
              fileId.toString(),
              user,
              filepath,
              archived.location(),
              List.of(Checksum.sha256(archived.bodySha256())));
      FileState before;
      try {
        before =
            StoreCalls.await(
                () ->
                    recordArchived(
                        fileId,
                        new ArchiveInfo(
                            opened.archiveHeader(),
                            opened.dataKeySha256(),
                            archived.location(),
                            archived.bodySize()),
                        archived,
                        json(message)));
      } catch (DuplicateDataKeyException e) {
        throw alreadySubmitted(user, filepath, e); // lost a race with the same file's other id
      }
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
          FileEntity winner = find(fileId);
          if (winner != null && winner.header != null) {
            archiver.writeHeader(fileId, winner.header);
          }
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

  /**
   * Records the archive information, the checksums and {@code archived} in one transaction, if the
   * file is still submitted, under the row's lock.
   *
   * @return the file's state before: {@code submitted} if this call recorded it
   */
  private Uni<FileState> recordArchived(
      UUID fileId, ArchiveInfo info, Archiver.Archived archived, String messageJson) {
    Map<ChecksumType, String> body = new EnumMap<>(ChecksumType.class);
    body.put(ChecksumType.SHA256, archived.bodySha256());
    Map<ChecksumType, String> uploaded = new EnumMap<>(ChecksumType.class);
    archived
        .inboxChecksums()
        .forEach((type, value) -> uploaded.put(ChecksumType.valueOf(type.name()), value));
    return Panache.withTransaction(
        () ->
            files
                .findById(fileId, LockModeType.PESSIMISTIC_WRITE)
                .chain(
                    current -> {
                      if (current == null) {
                        throw new UnknownFileException(fileId);
                      }
                      if (current.state != FileState.SUBMITTED) {
                        return Uni.createFrom().item(current.state);
                      }
                      Uni<Void> work =
                          files
                              .setArchiveInfo(fileId, info)
                              .chain(
                                  () ->
                                      files.storeChecksums(fileId, ChecksumSource.ARCHIVED, body));
                      if (!uploaded.isEmpty()) {
                        work =
                            work.chain(
                                () ->
                                    files.storeChecksums(
                                        fileId, ChecksumSource.UPLOADED, uploaded));
                      }
                      return work.chain(
                              () ->
                                  files.recordEvent(
                                      fileId, FileEvent.ARCHIVED, ACTOR, null, messageJson))
                          .replaceWith(FileState.SUBMITTED);
                    }));
  }

  private void publishArchived(FileEntity file, MessageContext context) {
    String sha256 =
        StoreCalls.await(() -> files.checksums(file.id, ChecksumSource.ARCHIVED))
            .get(ChecksumType.SHA256);
    if (sha256 == null || file.archiveLocation == null) {
      throw new SystemErrorException(
          "file " + file.id + " is archived but has no archive location or archived checksum");
    }
    broker.toNode(
        ARCHIVED_ROUTING_KEY,
        new FileArchived(
            file.id.toString(),
            file.submissionUser,
            file.inboxPath,
            file.archiveLocation,
            List.of(Checksum.sha256(sha256))),
        context.correlationId());
  }

  // ------------------------------------------------------------------------------------- cancel

  private void cancel(IngestionCancel cancel, MessageContext context) throws IOException {
    UUID fileId = FileIds.of(context);
    FileEntity file = find(fileId);
    if (file == null) {
      LOG.info("cancel of a file the node does not know: nothing to cancel");
      return;
    }
    requireSameFile(file, cancel.user(), cancel.filepath());
    if (file.state == FileState.DISABLED) {
      LOG.info("the file is disabled already: nothing to cancel");
      return;
    }
    if (StoreCalls.await(() -> datasets.isInAnyDataset(fileId))) {
      throw new RefusedRequestException(
          "the file is in a dataset and cannot be cancelled", cancel.user(), cancel.filepath());
    }
    archiver.deleteObjects(fileId);
    boolean recorded =
        StoreCalls.await(
            () -> files.recordEvent(fileId, FileEvent.DISABLED, ACTOR, CANCELLED, json(cancel)));
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

  // ------------------------------------------------------------------------------------ helpers

  private FileEntity find(UUID fileId) {
    return StoreCalls.await(() -> Panache.withSession(() -> files.findById(fileId)));
  }

  private String json(io.lega.contracts.Message message) {
    return new String(codec.encode(message), StandardCharsets.UTF_8);
  }

  /** A message about a known file id must name that file; otherwise it is quarantined. */
  private static void requireSameFile(FileEntity file, String user, String filepath) {
    if (!file.submissionUser.equals(user)
        || !stripSlashes(file.inboxPath).equals(stripSlashes(filepath))) {
      throw new MalformedMessageException(
          "the message is about "
              + filepath
              + " of "
              + user
              + ", but file "
              + file.id
              + " is "
              + file.inboxPath
              + " of "
              + file.submissionUser);
    }
  }

  private static String stripSlashes(String path) {
    String stripped = path == null ? "" : path;
    while (stripped.startsWith("/")) {
      stripped = stripped.substring(1);
    }
    return stripped;
  }
}
