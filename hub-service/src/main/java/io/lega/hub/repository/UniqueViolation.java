package io.lega.hub.repository;

import io.vertx.pgclient.PgException;
import org.hibernate.exception.ConstraintViolationException;

/** Recognizes PostgreSQL's {@code unique_violation} (23505), however Hibernate wrapped it. */
public final class UniqueViolation {

  private static final String SQL_STATE = "23505";

  private UniqueViolation() {}

  /** Whether a unique constraint failed (e.g. two requests took the same name at once). */
  public static boolean in(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ConstraintViolationException c && SQL_STATE.equals(c.getSQLState())) {
        return true;
      }
      if (t instanceof PgException pg && SQL_STATE.equals(pg.getSqlState())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }
}
