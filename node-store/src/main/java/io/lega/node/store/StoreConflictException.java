package io.lega.node.store;

/**
 * The request contradicts what is stored: a second, different value where the schema allows only
 * one. Repeating a request with the same values is never a conflict (the methods are idempotent).
 */
public abstract class StoreConflictException extends StoreException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message what conflicts with what
   */
  protected StoreConflictException(String message) {
    super(message);
  }

  /**
   * @param message what conflicts with what
   * @param cause the constraint violation behind it
   */
  protected StoreConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
