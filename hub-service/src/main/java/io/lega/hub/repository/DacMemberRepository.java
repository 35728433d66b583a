package io.lega.hub.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** The {@code dac_members} table. Run inside a session. */
@ApplicationScoped
public class DacMemberRepository
    implements PanacheRepositoryBase<DacMemberEntity, DacMemberEntity.Key> {

  /** The members of these DACs, by DAC and username. */
  public Uni<List<DacMemberEntity>> of(Collection<String> dacIds) {
    return list("dacId in ?1 order by dacId, username", dacIds);
  }

  /** Whether {@code username} sits on {@code dacId}. */
  public Uni<Boolean> isMember(String dacId, String username) {
    return count(
            "dacId = :dac and username = :user",
            Parameters.with("dac", dacId).and("user", username))
        .map(n -> n > 0);
  }

  /** Removes {@code username} from {@code dacId}; whether they were a member. */
  public Uni<Boolean> remove(String dacId, String username) {
    return delete(
            "dacId = :dac and username = :user",
            Parameters.with("dac", dacId).and("user", username))
        .map(n -> n > 0);
  }
}
