package io.lega.node.store;

/**
 * A typed failure of a repository method: the request contradicts what is stored ({@link
 * StoreConflictException}) or names something the node does not know. Database and connection
 * failures are not wrapped: they arrive as they are.
 *
 * <p>Treat it as ending the transaction it happened in: most are raised by PostgreSQL rejecting a
 * statement, after which the transaction can only roll back.
 */
public abstract class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what went wrong (for operators: it may name files and users)
   */
  protected StoreException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong (for operators: it may name files and users)
   * @param cause the database error behind it
   */
  protected StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
