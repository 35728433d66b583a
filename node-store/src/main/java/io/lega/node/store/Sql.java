package io.lega.node.store;

import io.smallrye.mutiny.Uni;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * One native SQL statement with named parameters ({@code :name}), run on a reactive session.
 *
 * <p>Every write of this module is such a statement: a single {@code INSERT ... ON CONFLICT} or
 * conditional {@code UPDATE} is atomic and idempotent, and PostgreSQL serializes concurrent ones on
 * the row. The entities are read-only, so the session's persistence context is only a cache of what
 * was read; {@link #update} empties it after writing, so that a read later in the same transaction
 * sees the new values instead of an entity loaded before.
 *
 * <p>Parameters may be {@code null}; write {@code CAST(:name AS type)} where PostgreSQL cannot
 * infer a null's type from the context.
 */
final class Sql {

  private final String text;
  private final Map<String, Object> parameters = new LinkedHashMap<>();

  private Sql(String text) {
    this.text = text;
  }

  /** A statement with this SQL text. */
  static Sql of(String text) {
    return new Sql(text);
  }

  /** Binds parameter {@code :name} (which may be {@code null}). */
  Sql bind(String name, Object value) {
    parameters.put(name, value);
    return this;
  }

  /**
   * Runs an {@code INSERT}, {@code UPDATE} or {@code DELETE} (or a {@code WITH} statement ending in
   * one): pending changes are flushed first, the persistence context is cleared after.
   *
   * @return how many rows it changed
   */
  Uni<Integer> update(Mutiny.Session session) {
    return session
        .flush()
        .chain(() -> bound(session.createNativeQuery(text)).executeUpdate())
        .invoke(session::clear);
  }

  /** Runs a query whose rows are single values of {@code type}. */
  <R> Uni<List<R>> list(Mutiny.Session session, Class<R> type) {
    return bound(session.createNativeQuery(text, type)).getResultList();
  }

  /**
   * Runs a query (or an {@code INSERT ... RETURNING}) that yields at most one value of {@code
   * type}.
   *
   * @return the value, or {@code null} for no row
   */
  <R> Uni<R> singleOrNull(Mutiny.Session session, Class<R> type) {
    return bound(session.createNativeQuery(text, type)).getSingleResultOrNull();
  }

  private <Q extends Mutiny.AbstractQuery> Q bound(Q query) {
    parameters.forEach(query::setParameter);
    return query;
  }
}
