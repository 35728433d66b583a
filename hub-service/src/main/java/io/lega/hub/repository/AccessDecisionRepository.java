package io.lega.hub.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The {@code access_decisions} table. Run inside a session. */
@ApplicationScoped
public class AccessDecisionRepository implements PanacheRepositoryBase<AccessDecisionEntity, Long> {

  /** The decisions on these requests, oldest first. */
  public Uni<List<AccessDecisionEntity>> of(Collection<UUID> requestIds) {
    return list("requestId in ?1 order by decidedAt, id", requestIds);
  }
}
