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
import io.quarkus.hibernate.reactive.panache.Panache;
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

  /** How many taken numbers a new accession id skips at most before giving up. */
  private static final int MAX_SKIPS = 1000;

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
  public Uni<Optional<IngestionAccession>> verified(UUID id, AccessionRequest request) {
    return Panache.withTransaction(
        () ->
            known(id, request.user(), RoutingKeys.FILES_VERIFIED)
                .flatMap(
                    submission -> {
                      SubmissionState state = IngestionService.state(submission);
                      if (state == SubmissionState.CANCELLED || state == SubmissionState.ERROR) {
                        LOG.warnf(
                            "files.verified for %s, which is %s: no accession id is sent",
                            id, submission.state);
                        return Uni.createFrom().item(Optional.<IngestionAccession>empty());
                      }
                      return accessionOf(submission)
                          .call(() -> decrypted(id, request.decryptedChecksums()))
                          .map(
                              accessionId -> {
                                if (state != SubmissionState.ARCHIVED
                                    && state != SubmissionState.VERIFIED) {
                                  changed(submission, SubmissionState.VERIFIED);
                                }
                                LOG.infof("file %s verified: accession id %s", id, accessionId);
                                return Optional.of(
                                    new IngestionAccession(
                                        request.user(),
                                        request.filepath(),
                                        accessionId,
                                        request.decryptedChecksums()));
                              });
                    }));
  }

  /**
   * {@code files.completed}: the node has the file ready. The state becomes {@code archived}
   * (except {@code cancelled}, where the node's answer to the cancel decides, and {@code error},
   * whose reason stays), the decrypted checksums and the completion time are recorded, and the
   * accession id if the hub had none recorded. An accession id other than the one the hub issued,
   * or one another file holds, is malformed.
   */
  public Uni<String> completed(UUID id, IngestionCompletion completion) {
    return Panache.withTransaction(
        () ->
            known(id, completion.user(), RoutingKeys.FILES_COMPLETED)
                .flatMap(
                    submission ->
                        completionAccession(submission, completion.accessionId())
                            .call(() -> decrypted(id, completion.decryptedChecksums()))
                            .map(
                                ignored -> {
                                  if (submission.completedAt == null) {
                                    submission.completedAt = Timestamps.now();
                                    submission.updatedAt = submission.completedAt;
                                  }
                                  SubmissionState state = IngestionService.state(submission);
                                  String what;
                                  if (state == SubmissionState.CANCELLED
                                      || state == SubmissionState.ERROR) {
                                    what = "completion recorded; the file stays " + state.id();
                                  } else {
                                    changed(submission, SubmissionState.ARCHIVED);
                                    what = "archived as " + submission.accessionId;
                                  }
                                  LOG.infof("file %s: %s", id, what);
                                  return what;
                                })));
  }

  /**
   * {@code files.error}: the node found the submission faulty, or refused a request about it. The
   * reason is recorded ({@code error_reason}, the latest one) and the state becomes {@code error},
   * except for a file the node had completed: {@code archived} stays, and a {@code cancelled} file
   * that the node had completed goes back to {@code archived} (the node refused the cancel, e.g.
   * because the file is in a dataset).
   */
  public Uni<String> failed(UUID id, IngestionUserError error) {
    return Panache.withTransaction(
        () ->
            refusedUpload(id, error)
                .flatMap(ignored -> known(id, error.user(), RoutingKeys.FILES_ERROR))
                .map(
                    submission -> {
                      SubmissionState state = IngestionService.state(submission);
                      SubmissionState next;
                      if (state == SubmissionState.ARCHIVED
                          || (state == SubmissionState.CANCELLED
                              && submission.completedAt != null)) {
                        next = SubmissionState.ARCHIVED;
                      } else {
                        next = SubmissionState.ERROR;
                      }
                      if (!error.reason().equals(submission.errorReason)) {
                        submission.errorReason = error.reason();
                        submission.updatedAt = Timestamps.now();
                      }
                      changed(submission, next);
                      String what = "error recorded (" + state.id() + " -> " + next.id() + ")";
                      LOG.infof("file %s: %s: %s", id, what, error.reason());
                      return what;
                    }));
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
              Uni<Integer> work =
                  submissions.upsertUpload(id, error.user(), error.filepath(), null, null);
              for (Checksum checksum : error.encryptedChecksums()) {
                work =
                    work.call(
                        () ->
                            submissions.putChecksum(
                                id,
                                SubmissionService.ENCRYPTED,
                                checksum.type().jsonName(),
                                checksum.value()));
              }
              LOG.infof("file %s: an upload refused by the inbox: %s", id, error.reason());
              return work.replaceWithVoid();
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

  /** The file's accession id, issued now if it has none. */
  private Uni<String> accessionOf(SubmissionEntity submission) {
    if (submission.accessionId != null) {
      return Uni.createFrom().item(submission.accessionId);
    }
    return freshAccession(submission.id, 0)
        .map(
            accessionId -> {
              submission.accessionId = accessionId;
              submission.updatedAt = Timestamps.now();
              return accessionId;
            });
  }

  /**
   * The next number of {@code file_accession_numbers} as an accession id, skipping one that a file
   * holds already (a {@code files.completed} can record an id the hub did not issue).
   */
  private Uni<String> freshAccession(UUID id, int skipped) {
    if (skipped > MAX_SKIPS) {
      throw new IllegalStateException(
          "no free file accession id after skipping " + MAX_SKIPS + " taken ones");
    }
    return submissions
        .nextFileAccessionNumber()
        .map(AccessionIds::file)
        .flatMap(
            accessionId ->
                submissions
                    .accessionHeldByOther(accessionId, id)
                    .flatMap(
                        taken ->
                            taken
                                ? freshAccession(id, skipped + 1)
                                : Uni.createFrom().item(accessionId)));
  }

  /** The accession id of a completion checked against the one the hub issued. */
  private Uni<String> completionAccession(SubmissionEntity submission, String accessionId) {
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
      return Uni.createFrom().item(accessionId);
    }
    return submissions
        .accessionHeldByOther(accessionId, submission.id)
        .map(
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
              return accessionId;
            });
  }

  private Uni<Void> decrypted(UUID id, List<Checksum> sums) {
    Uni<Void> work = Uni.createFrom().voidItem();
    for (Checksum checksum : sums) {
      work =
          work.call(
              () ->
                  submissions.putChecksum(
                      id,
                      SubmissionService.DECRYPTED,
                      checksum.type().jsonName(),
                      checksum.value()));
    }
    return work;
  }

  private static void changed(SubmissionEntity submission, SubmissionState state) {
    if (!state.id().equals(submission.state)) {
      submission.state = state.id();
      submission.updatedAt = Timestamps.now();
    }
  }
}
