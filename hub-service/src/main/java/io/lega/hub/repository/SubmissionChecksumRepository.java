package io.lega.hub.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** Reads {@code submission_checksums}; {@link SubmissionRepository} writes them. */
@ApplicationScoped
public class SubmissionChecksumRepository
    implements PanacheRepositoryBase<SubmissionChecksumEntity, SubmissionChecksumEntity.Key> {

  /** The checksums of one submission (a query Hibernate translates once, unlike a list's). */
  public Uni<List<SubmissionChecksumEntity>> of(UUID submissionId) {
    return list("submissionId = ?1 order by source, type", submissionId);
  }

  /** The checksums of some submissions. */
  public Uni<List<SubmissionChecksumEntity>> of(Collection<UUID> submissionIds) {
    if (submissionIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("submissionId in ?1 order by submissionId, source, type", submissionIds);
  }
}
