package io.lega.hub.service;

import io.lega.contracts.Checksum;
import io.lega.contracts.ChecksumType;
import io.lega.contracts.InboxMessage;
import io.lega.contracts.InboxRemove;
import io.lega.contracts.InboxRename;
import io.lega.contracts.InboxUpload;
import io.lega.hub.repository.SubmissionChecksumEntity;
import io.lega.hub.repository.SubmissionChecksumRepository;
import io.lega.hub.repository.SubmissionEntity;
import io.lega.hub.repository.SubmissionRepository;
import io.lega.hub.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Submissions: what the nodes report about their users' files, and what the API shows of it.
 *
 * <p>{@link #record} applies one {@code files.inbox} message in one transaction. Every step is
 * idempotent, and the messages of one file may be applied in any order (up to {@code prefetch}
 * messages are handled at once, and a retried message goes to the back of the queue):
 *
 * <ul>
 *   <li><b>upload</b>: the file is recorded, keyed by its id, in state {@code uploaded}, with size,
 *       modification time and encrypted checksums. If it is known already (the same message again,
 *       or its rename or removal was handled first), only size, time and checksums are set: path
 *       and state stay. Older uploads still {@code uploaded} at the same path of the same user are
 *       {@code removed} (the new file replaced them in the inbox). With ingest on upload ({@link
 *       IngestionService#triggerOnUpload}), a file still {@code uploaded} then is sent to the node
 *       for ingestion in the same transaction.
 *   <li><b>rename</b>: the file with this id gets the new path. If no file has this id, the user's
 *       newest file still present at the old path is moved (an inbox without extended attributes
 *       sends a fresh id with each rename); if there is none but one is already at the new path,
 *       nothing happens (the same message again); otherwise the file is recorded at its new path
 *       ahead of its upload. Other files still {@code uploaded} at the new path are {@code
 *       removed}.
 *   <li><b>remove</b>: the file with this id (else the user's newest removable file at the path)
 *       becomes {@code removed}, unless it is already being ingested or further; an unknown file is
 *       recorded as {@code removed} ahead of its upload.
 * </ul>
 *
 * A message naming a user the directory does not know is applied all the same (the hub may learn of
 * the user later), with a warning.
 */
@ApplicationScoped
public class SubmissionService {

  private static final Logger LOG = Logger.getLogger(SubmissionService.class);

  /** {@code submission_checksums.source} of the checksums of the file as uploaded. */
  static final String ENCRYPTED = "encrypted";

  /** {@code submission_checksums.source} of the checksums of the plaintext. */
  static final String DECRYPTED = "decrypted";

  private final SubmissionRepository submissions;
  private final SubmissionChecksumRepository checksums;
  private final UserRepository users;
  private final IngestionService ingestion;

  public SubmissionService(
      SubmissionRepository submissions,
      SubmissionChecksumRepository checksums,
      UserRepository users,
      IngestionService ingestion) {
    this.submissions = submissions;
    this.checksums = checksums;
    this.users = users;
    this.ingestion = ingestion;
  }

  /**
   * Applies one {@code files.inbox} message about file {@code fileId}, in its own transaction. The
   * Uni completes once the transaction has committed, with a short description of what changed (for
   * the log).
   */
  @WithTransaction
  public Uni<String> record(UUID fileId, InboxMessage message) {
    return warnIfUnknown(message.user()).chain(() -> apply(fileId, message));
  }

  private Uni<String> apply(UUID fileId, InboxMessage message) {
    if (message instanceof InboxUpload upload) {
      return upload(fileId, upload);
    }
    if (message instanceof InboxRename rename) {
      return rename(fileId, rename);
    }
    if (message instanceof InboxRemove remove) {
      return remove(fileId, remove);
    }
    throw new IllegalArgumentException("unknown inbox operation " + message.operation());
  }

  private Uni<String> upload(UUID id, InboxUpload upload) {
    return recordUpload(id, upload)
        .flatMap(
            what ->
                ingestion
                    .triggerOnUpload(id, upload.user())
                    .map(sent -> sent ? what + "; ingest sent (ingest on upload)" : what));
  }

  private Uni<String> recordUpload(UUID id, InboxUpload upload) {
    OffsetDateTime lastModified =
        upload.fileLastModified() == null
            ? null
            : Instant.ofEpochSecond(upload.fileLastModified()).atOffset(ZoneOffset.UTC);
    return submissions
        .upsertUpload(id, upload.user(), upload.filepath(), upload.filesize(), lastModified)
        .call(() -> submissions.putChecksums(id, ENCRYPTED, upload.encryptedChecksums()))
        .flatMap(
            changed ->
                lastModified == null // no time to order uploads at one path by: none supersedes
                    ? Uni.createFrom().item(describeUpload(changed, 0, 0))
                    : supersede(id, upload, lastModified, changed));
  }

  /** Older uploads at the path are gone; so is this one if a newer one is there already. */
  private Uni<String> supersede(
      UUID id, InboxUpload upload, OffsetDateTime lastModified, int changed) {
    String user = upload.user();
    String path = upload.filepath();
    return submissions
        .supersedeOlder(id, user, path, lastModified)
        .flatMap(
            older ->
                submissions
                    .removeIfNewerExists(id, user, path, lastModified)
                    .map(gone -> describeUpload(changed, older, gone)));
  }

  private static String describeUpload(int changed, int superseded, int gone) {
    StringBuilder text =
        new StringBuilder(changed > 0 ? "upload recorded" : "upload known already");
    if (superseded > 0) {
      text.append("; ").append(superseded).append(" older upload(s) at that path removed");
    }
    if (gone > 0) {
      text.append("; a newer upload at that path replaced it already");
    }
    return text.toString();
  }

  private Uni<String> rename(UUID id, InboxRename rename) {
    return submissions
        .renameById(id, rename.filepath())
        .flatMap(byId -> byId > 0 ? moved(id, rename, "renamed") : renameByOldPath(id, rename));
  }

  /** No file has this id: an inbox without extended attributes gives each rename a fresh id. */
  private Uni<String> renameByOldPath(UUID id, InboxRename rename) {
    return submissions
        .newestPresentAt(rename.user(), rename.oldpath())
        .flatMap(
            found ->
                found == null
                    ? renameAhead(id, rename)
                    : submissions
                        .renameById(found, rename.filepath())
                        .chain(
                            () ->
                                moved(
                                    found,
                                    rename,
                                    "renamed file " + found + " (matched by its old path)")));
  }

  /** Nothing at the old path: the same message again, or a rename ahead of its upload. */
  private Uni<String> renameAhead(UUID id, InboxRename rename) {
    return submissions
        .presentAt(rename.user(), rename.filepath())
        .flatMap(
            there ->
                there
                    ? Uni.createFrom().item("renamed already (matched by path)")
                    : submissions
                        .insertRenamedAhead(id, rename.user(), rename.filepath())
                        .chain(
                            () ->
                                moved(id, rename, "recorded at its new path ahead of its upload")));
  }

  /** After file {@code id} moved to the rename's path: what was there before is gone. */
  private Uni<String> moved(UUID id, InboxRename rename, String what) {
    return submissions
        .supersedeOthersAt(id, rename.user(), rename.filepath())
        .map(n -> n > 0 ? what + "; replaced " + n + " file(s) at that path" : what);
  }

  private Uni<String> remove(UUID id, InboxRemove remove) {
    return submissions
        .markRemoved(id)
        .flatMap(byId -> byId > 0 ? Uni.createFrom().item("removed") : removeUnknown(id, remove));
  }

  /** The file is not removable by its id: known further on, or removed by its path. */
  private Uni<String> removeUnknown(UUID id, InboxRemove remove) {
    return submissions
        .exists(id)
        .flatMap(
            known ->
                known
                    ? Uni.createFrom().item("removed already, or ingested further")
                    : removeByPath(id, remove));
  }

  private Uni<String> removeByPath(UUID id, InboxRemove remove) {
    return submissions
        .markNewestRemovedAt(remove.user(), remove.filepath())
        .flatMap(
            byPath ->
                byPath > 0
                    ? Uni.createFrom().item("removed (matched by path)")
                    : submissions
                        .insertRemovedAhead(id, remove.user(), remove.filepath())
                        .replaceWith("recorded as removed ahead of its upload"));
  }

  private Uni<Void> warnIfUnknown(String username) {
    return users
        .exists(username)
        .invoke(
            known -> {
              if (!known) {
                LOG.warnf(
                    "user %s is not in the hub's directory; the submission is kept all the same",
                    username);
              }
            })
        .replaceWithVoid();
  }

  /**
   * A submission by id.
   *
   * @throws NoSuchResourceException (in the Uni) if there is none
   */
  @WithSession
  public Uni<Submission> find(UUID id) {
    return submissions
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NoSuchResourceException("no submission with id " + id))
        .flatMap(s -> withChecksums(List.of(s)).map(list -> list.get(0)));
  }

  /**
   * One page of a user's submissions, newest first.
   *
   * @throws NoSuchResourceException (in the Uni) if the user is not in the directory and has no
   *     submissions
   */
  @WithSession
  public Uni<PageOf<Submission>> ofUser(String username, int page, int size) {
    return submissions
        .countOfUser(username)
        .call(total -> total > 0 ? Uni.createFrom().voidItem() : knownUser(username))
        .flatMap(total -> page(submissions.pageOfUser(username, page, size), page, size, total));
  }

  /**
   * One page of the submissions in a state, of every user, newest first; every submission if {@code
   * state} is {@code null}.
   */
  @WithSession
  public Uni<PageOf<Submission>> ofState(SubmissionState state, int page, int size) {
    String stored = state == null ? null : state.id();
    return submissions
        .countOfState(stored)
        .flatMap(total -> page(submissions.pageOfState(stored, page, size), page, size, total));
  }

  private Uni<Void> knownUser(String username) {
    return users
        .exists(username)
        .invoke(
            known -> {
              if (!known) {
                throw new NoSuchResourceException("no user called '" + username + "'");
              }
            })
        .replaceWithVoid();
  }

  private Uni<PageOf<Submission>> page(
      Uni<List<SubmissionEntity>> rows, int page, int size, long total) {
    return rows.flatMap(this::withChecksums).map(items -> new PageOf<>(items, page, size, total));
  }

  private Uni<List<Submission>> withChecksums(List<SubmissionEntity> rows) {
    return checksums
        .of(rows.stream().map(s -> s.id).toList())
        .map(
            all -> {
              Map<UUID, List<SubmissionChecksumEntity>> byId =
                  all.stream().collect(Collectors.groupingBy(c -> c.submissionId));
              return rows.stream()
                  .map(s -> submission(s, byId.getOrDefault(s.id, List.of())))
                  .toList();
            });
  }

  private static Submission submission(SubmissionEntity s, List<SubmissionChecksumEntity> sums) {
    return new Submission(
        s.id,
        s.username,
        s.filepath,
        s.filesize,
        s.fileLastModified,
        s.state,
        s.errorReason,
        s.accessionId,
        checksums(sums, ENCRYPTED),
        checksums(sums, DECRYPTED),
        s.createdAt,
        s.updatedAt);
  }

  private static List<Checksum> checksums(List<SubmissionChecksumEntity> sums, String source) {
    return sums.stream()
        .filter(c -> c.source.equals(source))
        .map(
            c ->
                new Checksum(
                    ChecksumType.fromJsonName(c.type)
                        .orElseThrow(
                            () -> new IllegalStateException("unknown checksum type " + c.type)),
                    c.value))
        .toList();
  }
}
