package io.lega.node.store;

import io.vertx.pgclient.PgException;
import java.util.function.Predicate;
import org.hibernate.exception.ConstraintViolationException;

/**
 * Recognizes a statement that failed on a named constraint of the schema, so that a repository can
 * turn it into its typed exception.
 */
final class Violations {

  private Violations() {}

  /** Whether a failure (or one of its causes) is a violation of {@code constraint}. */
  static Predicate<Throwable> of(String constraint) {
    return failure -> constraint.equals(constraintOf(failure));
  }

  /**
   * The name of the constraint or unique index a failure violated, from the PostgreSQL error found
   * in its cause chain, or {@code null} if it is not a constraint violation.
   */
  static String constraintOf(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof PgException pg && pg.getConstraint() != null) {
        return pg.getConstraint();
      }
      if (cause instanceof ConstraintViolationException violation
          && violation.getConstraintName() != null) {
        return violation.getConstraintName();
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
