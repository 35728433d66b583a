package io.lega.download.access;

import io.lega.download.audit.DownloadAudit;
import io.lega.download.auth.VerifiedPassport;
import io.lega.download.http.ProblemException;
import io.lega.node.store.DatasetRepository;
import io.lega.node.store.FileRepository;
import io.lega.node.store.RevocationRepository;
import io.lega.node.store.model.DatasetEntity;
import io.lega.node.store.model.DatasetState;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileState;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what a verified Passport may read, from the node database: a dataset is readable if a
 * valid visa names it, it is {@code released} (not registered, not deprecated), and no revocation
 * was received for (the Passport's {@code sub}, dataset) after the visa's grant ({@code asserted});
 * a file is readable if it is {@code ready} and in a readable dataset. Anything else is the same
 * 403 whether or not the file or dataset exists.
 */
@ApplicationScoped
public class AccessCheck {

  private final FileRepository files;
  private final DatasetRepository datasets;
  private final RevocationRepository revocations;
  private final DownloadAudit audit;

  public AccessCheck(
      FileRepository files,
      DatasetRepository datasets,
      RevocationRepository revocations,
      DownloadAudit audit) {
    this.files = files;
    this.datasets = datasets;
    this.revocations = revocations;
    this.audit = audit;
  }

  /**
   * @param accessionId the file's accession id ({@code EGAF...})
   * @return the file and the dataset that permits it; a 403 {@link ProblemException} otherwise
   */
  @WithSession
  public Uni<PermittedFile> file(VerifiedPassport passport, String accessionId) {
    return files
        .findByAccessionId(accessionId)
        .flatMap(
            file -> {
              if (file == null) {
                return audit
                    .deniedUnknown(accessionId, passport.user().subject())
                    .flatMap(
                        ignored ->
                            Uni.createFrom().<PermittedFile>failure(ProblemException.forbidden()));
              }
              return datasets
                  .datasetsOf(file.id)
                  .flatMap(
                      in ->
                          ready(file)
                              ? readable(passport, in)
                              : Uni.createFrom().item(List.<DatasetEntity>of()))
                  .flatMap(
                      readable ->
                          readable.isEmpty()
                              ? audit
                                  .denied(file.id, passport.user().subject(), deniedBecause(file))
                                  .flatMap(
                                      ignored ->
                                          Uni.createFrom()
                                              .<PermittedFile>failure(ProblemException.forbidden()))
                              : Uni.createFrom()
                                  .item(new PermittedFile(passport, file, readable.get(0))));
            });
  }

  /**
   * @param datasetId a dataset's stable id
   * @return the dataset, if the Passport may read it; a 403 otherwise
   */
  @WithSession
  public Uni<DatasetEntity> dataset(VerifiedPassport passport, String datasetId) {
    if (!passport.grants(datasetId)) {
      return Uni.createFrom().failure(ProblemException.forbidden());
    }
    return datasets
        .findByStableId(datasetId)
        .flatMap(
            found ->
                found == null
                    ? Uni.createFrom().item(List.<DatasetEntity>of())
                    : readable(passport, List.of(found)))
        .map(
            readable -> {
              if (readable.isEmpty()) {
                throw ProblemException.forbidden();
              }
              return readable.get(0);
            });
  }

  /** The datasets the Passport may read, by stable id. */
  @WithSession
  public Uni<List<DatasetEntity>> datasets(VerifiedPassport passport) {
    if (passport.datasets().isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return datasets
        .find(
            "stableId in ?1 and state = ?2 order by stableId",
            List.copyOf(passport.datasets().keySet()),
            DatasetState.RELEASED)
        .list()
        .flatMap(found -> readable(passport, found));
  }

  private static boolean ready(FileEntity file) {
    return file.state == FileState.READY
        && file.archiveLocation != null
        && file.archiveSize != null
        && file.header != null;
  }

  /** For the audit (never for the caller): why a request for an existing file was refused. */
  private static String deniedBecause(FileEntity file) {
    return !ready(file)
        ? "the file is not ready (" + file.state.value() + ")"
        : "no readable dataset: no valid visa, not released, or revoked";
  }

  /** Those of {@code candidates} the Passport grants, released, and not revoked since the grant. */
  private Uni<List<DatasetEntity>> readable(
      VerifiedPassport passport, List<DatasetEntity> candidates) {
    List<DatasetEntity> granted =
        candidates.stream()
            .filter(d -> d.state == DatasetState.RELEASED && passport.grants(d.stableId))
            .toList();
    if (granted.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return revocations
        .revokedAt(passport.user().subject(), granted.stream().map(d -> d.stableId).toList())
        .map(revoked -> granted.stream().filter(d -> !revoked(passport, d, revoked)).toList());
  }

  /**
   * Revoked if the node recorded a revocation for the dataset that is not older than the visa's
   * grant: a visa asserted after the revocation stands for a newer grant.
   */
  private static boolean revoked(
      VerifiedPassport passport, DatasetEntity dataset, Map<String, Instant> revoked) {
    Instant at = revoked.get(dataset.stableId);
    if (at == null) {
      return false;
    }
    Instant grantedAt =
        Optional.ofNullable(passport.grantedAt().get(dataset.stableId)).orElse(Instant.EPOCH);
    return !grantedAt.isAfter(at);
  }
}
