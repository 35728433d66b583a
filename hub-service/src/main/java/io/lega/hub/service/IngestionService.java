package io.lega.hub.service;

import io.lega.contracts.Checksum;
import io.lega.contracts.ChecksumType;
import io.lega.contracts.HubToNodeMessage;
import io.lega.contracts.IngestionCancel;
import io.lega.contracts.IngestionTrigger;
import io.lega.hub.config.HubConfig;
import io.lega.hub.repository.SubmissionChecksumEntity;
import io.lega.hub.repository.SubmissionChecksumRepository;
import io.lega.hub.repository.SubmissionEntity;
import io.lega.hub.repository.SubmissionRepository;
import io.lega.hub.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * What the hub asks a node to do with a submitted file: ingest it, or cancel its ingestion.
 *
 * <p>Each request runs in one transaction with the submission locked: the state changes, the
 * message is published and confirmed by the broker, then the transaction commits. If the broker
 * does not confirm, the transaction rolls back ({@link NodeUnreachableException}): nothing changed
 * and the request may be repeated. (If the commit itself fails after the confirm, the node has the
 * message and the hub does not know; the node handles a repeated {@code ingest} or {@code cancel}
 * as the same request.)
 *
 * <ul>
 *   <li><b>ingest</b> from {@code uploaded}, {@code error} or {@code cancelled} (the hub knows the
 *       file is still in the inbox: a file leaving the inbox in these states becomes {@code
 *       removed}): state {@code ingesting}, {@code error_reason} cleared, {@code {"type": "ingest",
 *       user, filepath, encrypted_checksums}} sent with the upload's sha256 and md5, and the
 *       submitter's declared {@code decrypted_checksums} if the request names any ({@link
 *       IngestRequest}).
 *   <li><b>cancel</b> from {@code ingesting}, {@code verified} or {@code archived}: state {@code
 *       cancelled}, {@code {"type": "cancel", user, filepath}} sent. The node refuses to cancel a
 *       file that is in a dataset; its {@code files.error} then puts the file back to {@code
 *       archived} with the reason ({@link NodeReportService#failed}).
 * </ul>
 */
@ApplicationScoped
public class IngestionService {

  private static final Logger LOG = Logger.getLogger(IngestionService.class);

  /** States from which ingestion may be triggered. */
  static final Set<SubmissionState> INGESTIBLE =
      EnumSet.of(SubmissionState.UPLOADED, SubmissionState.ERROR, SubmissionState.CANCELLED);

  /** States from which ingestion may be cancelled. */
  static final Set<SubmissionState> CANCELLABLE =
      EnumSet.of(SubmissionState.INGESTING, SubmissionState.VERIFIED, SubmissionState.ARCHIVED);

  private final SubmissionRepository submissions;
  private final SubmissionChecksumRepository checksums;
  private final UserRepository users;
  private final NodeOutbox outbox;
  private final boolean ingestOnUpload;

  public IngestionService(
      SubmissionRepository submissions,
      SubmissionChecksumRepository checksums,
      UserRepository users,
      NodeOutbox outbox,
      HubConfig config) {
    this.submissions = submissions;
    this.checksums = checksums;
    this.users = users;
    this.outbox = outbox;
    this.ingestOnUpload = config.ingestOnUpload();
  }

  /**
   * Asks the node to ingest a submitted file.
   *
   * @param request the declared decrypted checksums, or {@code null}
   * @throws InvalidRequestException (in the Uni) for malformed declared checksums
   * @throws NoSuchResourceException (in the Uni) if there is no such submission
   * @throws ConflictException (in the Uni) if it is not {@code uploaded}, {@code error} or {@code
   *     cancelled}
   * @throws NodeUnreachableException (in the Uni) if the broker did not take the message
   */
  @WithTransaction
  public Uni<Void> trigger(UUID id, IngestRequest request) {
    List<Checksum> declared = IngestRequest.declared(request);
    return locked(id, INGESTIBLE, "ingested")
        .flatMap(submission -> startIngesting(submission, declared));
  }

  /**
   * Asks the node to cancel a file's ingestion.
   *
   * @throws NoSuchResourceException (in the Uni) if there is no such submission
   * @throws ConflictException (in the Uni) if it is not {@code ingesting}, {@code verified} or
   *     {@code archived}
   * @throws NodeUnreachableException (in the Uni) if the broker did not take the message
   */
  @WithTransaction
  public Uni<Void> cancel(UUID id) {
    return locked(id, CANCELLABLE, "cancelled").flatMap(this::startCancelling);
  }

  /**
   * Ingest on upload: inside the transaction that recorded an upload of file {@code id}, sends
   * {@code ingest} if the switch is on for the user (theirs, else {@code
   * lega.hub.ingest-on-upload}) and the file is still {@code uploaded}. A redelivered upload finds
   * it {@code ingesting} and sends nothing. Completes with whether {@code ingest} was sent.
   */
  public Uni<Boolean> triggerOnUpload(UUID id, String username) {
    return users
        .findByUsername(username)
        .map(
            user ->
                user != null && user.ingestOnUpload != null ? user.ingestOnUpload : ingestOnUpload)
        .flatMap(
            on -> on ? submissions.lockById(id) : Uni.createFrom().<SubmissionEntity>nullItem())
        .flatMap(
            submission ->
                submission != null && state(submission) == SubmissionState.UPLOADED
                    ? startIngesting(submission, List.of()).replaceWith(true)
                    : Uni.createFrom().item(false));
  }

  /** The submission locked, in its transaction: {@code ingesting}, and the message sent. */
  private Uni<Void> startIngesting(SubmissionEntity submission, List<Checksum> declared) {
    String before = submission.state;
    submission.state = SubmissionState.INGESTING.id();
    submission.errorReason = null;
    submission.updatedAt = Timestamps.now();
    return checksums
        .of(submission.id)
        .map(
            sums ->
                new IngestionTrigger(
                    submission.username, submission.filepath, encrypted(sums), declared))
        .call(trigger -> send(trigger, submission))
        .invoke(
            trigger ->
                LOG.infof(
                    "ingest of %s (%s of %s) sent with %d checksum(s); it was %s",
                    submission.id,
                    submission.filepath,
                    submission.username,
                    trigger.encryptedChecksums().size(),
                    before))
        .replaceWithVoid();
  }

  /** The submission locked, in its transaction: {@code cancelled}, and the message sent. */
  private Uni<Void> startCancelling(SubmissionEntity submission) {
    String before = submission.state;
    submission.state = SubmissionState.CANCELLED.id();
    submission.updatedAt = Timestamps.now();
    return send(new IngestionCancel(submission.username, submission.filepath), submission)
        .invoke(
            () ->
                LOG.infof(
                    "cancel of %s (%s of %s) sent; it was %s",
                    submission.id, submission.filepath, submission.username, before));
  }

  /** The submission's change written, then its message sent and confirmed. */
  private Uni<Void> send(HubToNodeMessage message, SubmissionEntity submission) {
    return submissions
        .flush()
        .chain(() -> Outbound.send(outbox, message, submission.id.toString()));
  }

  /** The upload's checksums, sha256 first, then md5. */
  static List<Checksum> encrypted(List<SubmissionChecksumEntity> sums) {
    List<Checksum> result = new ArrayList<>();
    for (ChecksumType type : List.of(ChecksumType.SHA256, ChecksumType.MD5)) {
      sums.stream()
          .filter(c -> c.source.equals(SubmissionService.ENCRYPTED))
          .filter(c -> c.type.equals(type.jsonName()))
          .findFirst()
          .ifPresent(c -> result.add(new Checksum(type, c.value)));
    }
    return result;
  }

  /** The submission, locked; a conflict unless it is in one of the states {@code from}. */
  private Uni<SubmissionEntity> locked(UUID id, Set<SubmissionState> from, String verb) {
    return submissions
        .lockById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NoSuchResourceException("no submission with id " + id))
        .invoke(
            submission -> {
              if (!from.contains(state(submission))) {
                throw new ConflictException(
                    "submission "
                        + id
                        + " is "
                        + submission.state
                        + ": only "
                        + names(from)
                        + " submissions can be "
                        + verb);
              }
            });
  }

  static SubmissionState state(SubmissionEntity submission) {
    return SubmissionState.of(submission.state)
        .orElseThrow(() -> new IllegalStateException("unknown state " + submission.state));
  }

  static String names(Set<SubmissionState> states) {
    List<String> names = states.stream().map(SubmissionState::id).toList();
    return names.size() == 1
        ? names.get(0)
        : names.subList(0, names.size() - 1).stream().collect(Collectors.joining(", "))
            + " or "
            + names.get(names.size() - 1);
  }
}
