package io.lega.hub.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The {@code users} table. Run inside a session ({@code @WithSession} or {@code @WithTransaction}).
 */
@ApplicationScoped
public class UserRepository implements PanacheRepositoryBase<UserEntity, Long> {

  /** The user called {@code username}, or {@code null}. */
  public Uni<UserEntity> findByUsername(String username) {
    return find("username", username).firstResult();
  }

  /** Whether a user called {@code username} exists. */
  public Uni<Boolean> exists(String username) {
    return count("username", username).map(n -> n > 0);
  }

  /** One page of users, by username. */
  public Uni<List<UserEntity>> page(int page, int size) {
    return findAll(Sort.by("username")).page(Page.of(page, size)).list();
  }
}
