package io.lega.hub.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;

/** The {@code user_ssh_keys} table. */
@ApplicationScoped
public class SshKeyRepository implements PanacheRepositoryBase<SshKeyEntity, Long> {

  /** A user's keys, in the order they were added. */
  public Uni<List<SshKeyEntity>> ofUser(long userId) {
    return list("userId = ?1 order by id", userId);
  }

  /** The keys of several users, each user's in the order they were added. */
  public Uni<List<SshKeyEntity>> ofUsers(Collection<Long> userIds) {
    if (userIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("userId in ?1 order by userId, id", userIds);
  }
}
