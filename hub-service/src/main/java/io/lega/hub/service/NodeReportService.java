package io.lega.hub.service;

import io.lega.contracts.AccessionRequest;
import io.lega.contracts.Checksum;
import io.lega.contracts.IngestionAccession;
import io.lega.contracts.IngestionCompletion;
import io.lega.contracts.IngestionUserError;
import io.lega.contracts.MalformedMessageException;
import io.lega.contracts.RoutingKeys;
import io.lega.hub.repository.SubmissionEntity;
import io.lega.hub.repository.SubmissionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What the node reports about a file it ingests: {@code files.verified}, {@code files.completed},
 * {@code files.error}. Each report is applied in one transaction with the submission locked, so
 * reports about one file never interleave, and each is idempotent: the same report twice leaves the
 * submission as once.
 *
 * <p>A report about a file the hub does not know (no submission with the correlation id), or naming
 * another user than the file's, cannot be applied: {@link MalformedMessageException}, so the
 * message is quarantined for an operator.
 */
@ApplicationScoped
public class NodeReportService {

  private static final Logger LOG = Logger.getLogger(NodeReportService.class);

  private final SubmissionRepository submissions;

  public NodeReportService(SubmissionRepository submissions) {
    this.submissions = submissions;
  }

  /**
   * {@code files.verified}: the node archived and verified the file and asks for its accession id.
   * The first request issues one (the next number of {@code file_accession_numbers}); every later
   * request gets the same one. The decrypted checksums are recorded and the state becomes {@code
   * verified} ({@code archived} stays). Completes, once committed, with the {@code accession}
   * message to send: the request's user, path and decrypted checksums, and the file's accession id.
   *
   * <p>A file the hub has cancelled, or that is in {@code error}, gets nothing: the request is
   * stale (the node was told to cancel, or reported the file faulty); it completes empty and is
   * logged.
   */
  @WithTransaction
  public Uni<Optional<IngestionAccession>> verified(UUID id, AccessionRequest request) {
    return known(id, request.user(), RoutingKeys.FILES_VERIFIED)
        .flatMap(
            submission -> {
              SubmissionState state = IngestionService.state(submission);
              if (state == SubmissionState.CANCELLED || state == SubmissionState.ERROR) {
                LOG.warnf(
                    "files.verified for %s, which is %s: no accession id is sent",
                    id, submission.state);
                return Uni.createFrom().item(Optional.<IngestionAccession>empty());
              }
              return accession(submission, request).map(Optional::of);
            });
  }

  /** A verified file's accession id issued (or the one it has), its decrypted checksums set. */
  private Uni<IngestionAccession> accession(SubmissionEntity submission, AccessionRequest request) {
    SubmissionState state = IngestionService.state(submission);
    return accessionOf(submission)
        .call(() -> decrypted(submission, request.decryptedChecksums()))
        .map(
            accessionId -> {
              if (state != SubmissionState.ARCHIVED && state != SubmissionState.VERIFIED) {
                changed(submission, SubmissionState.VERIFIED);
              }
              LOG.infof("file %s verified: accession id %s", submission.id, accessionId);
              return new IngestionAccession(
                  request.user(), request.filepath(), accessionId, request.decryptedChecksums());
            });
  }

  /**
   * {@code files.completed}: the node has the file ready. The state becomes {@code archived}
   * (except {@code cancelled}, where the node's answer to the cancel decides, and {@code error},
   * whose reason stays), the decrypted checksums and the completion time are recorded, and the
   * accession id if the hub had none recorded. An accession id other than the one the hub issued,
   * or one another file holds, is malformed.
   */
  @WithTransaction
  public Uni<String> completed(UUID id, IngestionCompletion completion) {
    return known(id, completion.user(), RoutingKeys.FILES_COMPLETED)
        .call(submission -> completionAccession(submission, completion.accessionId()))
        .call(submission -> decrypted(submission, completion.decryptedChecksums()))
        .map(NodeReportService::complete)
        .invoke(what -> LOG.infof("file %s: %s", id, what));
  }

  /** The completion recorded: {@code archived}, unless the file is cancelled or in error. */
  private static String complete(SubmissionEntity submission) {
    if (submission.completedAt == null) {
      submission.completedAt = Timestamps.now();
      submission.updatedAt = submission.completedAt;
    }
    SubmissionState state = IngestionService.state(submission);
    if (state == SubmissionState.CANCELLED || state == SubmissionState.ERROR) {
      return "completion recorded; the file stays " + state.id();
    }
    changed(submission, SubmissionState.ARCHIVED);
    return "archived as " + submission.accessionId;
  }

  /**
   * {@code files.error}: the node found the submission faulty, or refused a request about it. The
   * reason is recorded ({@code error_reason}, the latest one) and the state becomes {@code error},
   * except for a file the node had completed: {@code archived} stays, and a {@code cancelled} file
   * that the node had completed goes back to {@code archived} (the node refused the cancel, e.g.
   * because the file is in a dataset).
   */
  @WithTransaction
  public Uni<String> failed(UUID id, IngestionUserError error) {
    return refusedUpload(id, error)
        .chain(() -> known(id, error.user(), RoutingKeys.FILES_ERROR))
        .map(submission -> fail(submission, error.reason()))
        .invoke(what -> LOG.infof("file %s: %s: %s", id, what, error.reason()));
  }

  /** The error recorded: {@code error}, or {@code archived} for a file the node completed. */
  private static String fail(SubmissionEntity submission, String reason) {
    SubmissionState state = IngestionService.state(submission);
    boolean completed =
        state == SubmissionState.ARCHIVED
            || (state == SubmissionState.CANCELLED && submission.completedAt != null);
    SubmissionState next = completed ? SubmissionState.ARCHIVED : SubmissionState.ERROR;
    if (!reason.equals(submission.errorReason)) {
      submission.errorReason = reason;
      submission.updatedAt = Timestamps.now();
    }
    changed(submission, next);
    return "error recorded (" + state.id() + " -> " + next.id() + ")";
  }

  /**
   * An upload the inbox refused (not Crypt4GH) reaches the hub only as {@code files.error}: the
   * submission is made from it (with the checksums it carries), so that the submitter sees the
   * reason. A known submission is left to {@link #failed}.
   */
  private Uni<Void> refusedUpload(UUID id, IngestionUserError error) {
    return submissions
        .lockById(id)
        .flatMap(
            existing -> {
              if (existing != null) {
                return Uni.createFrom().voidItem();
              }
              LOG.infof("file %s: an upload refused by the inbox: %s", id, error.reason());
              return submissions
                  .upsertUpload(id, error.user(), error.filepath(), null, null)
                  .call(
                      () ->
                          submissions.putChecksums(
                              id, SubmissionService.ENCRYPTED, error.encryptedChecksums()))
                  .replaceWithVoid();
            });
  }

  /** The submission, locked; malformed if unknown or another user's. */
  private Uni<SubmissionEntity> known(UUID id, String user, String routingKey) {
    return submissions
        .lockById(id)
        .map(
            submission -> {
              if (submission == null) {
                throw new MalformedMessageException(
                    "a "
                        + routingKey
                        + " message names file "
                        + id
                        + " (its correlation id), which the hub does not know");
              }
              if (!submission.username.equals(user)) {
                throw new MalformedMessageException(
                    "a "
                        + routingKey
                        + " message for file "
                        + id
                        + " names user '"
                        + user
                        + "', but the file is "
                        + submission.username
                        + "'s");
              }
              return submission;
            });
  }

  /**
   * The file's accession id, issued now if it has none: the next number of {@code
   * file_accession_numbers}, skipping one that a file holds already (a {@code files.completed} can
   * record an id the hub did not issue).
   */
  private Uni<String> accessionOf(SubmissionEntity submission) {
    if (submission.accessionId != null) {
      return Uni.createFrom().item(submission.accessionId);
    }
    return AccessionIds.fresh(
            "file",
            submissions::nextFileAccessionNumber,
            AccessionIds::file,
            accessionId -> submissions.accessionHeldByOther(accessionId, submission.id))
        .invoke(
            accessionId -> {
              submission.accessionId = accessionId;
              submission.updatedAt = Timestamps.now();
            });
  }

  /** The accession id of a completion checked against the one the hub issued. */
  private Uni<Void> completionAccession(SubmissionEntity submission, String accessionId) {
    if (submission.accessionId != null) {
      if (!submission.accessionId.equals(accessionId)) {
        throw new MalformedMessageException(
            "a files.completed message for file "
                + submission.id
                + " names accession id "
                + accessionId
                + ", but the hub issued "
                + submission.accessionId);
      }
      return Uni.createFrom().voidItem();
    }
    return submissions
        .accessionHeldByOther(accessionId, submission.id)
        .invoke(
            taken -> {
              if (taken) {
                throw new MalformedMessageException(
                    "a files.completed message for file "
                        + submission.id
                        + " names accession id "
                        + accessionId
                        + ", which another file holds");
              }
              submission.accessionId = accessionId;
              submission.updatedAt = Timestamps.now();
            })
        .replaceWithVoid();
  }

  private Uni<Void> decrypted(SubmissionEntity submission, List<Checksum> sums) {
    return submissions.putChecksums(submission.id, SubmissionService.DECRYPTED, sums);
  }

  private static void changed(SubmissionEntity submission, SubmissionState state) {
    if (!state.id().equals(submission.state)) {
      submission.state = state.id();
      submission.updatedAt = Timestamps.now();
    }
  }
}
