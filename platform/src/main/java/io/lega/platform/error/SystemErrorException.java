package io.lega.platform.error;

/**
 * Something other than the submission went wrong: the database, storage or broker is unavailable,
 * or there is a bug. The message carries technical detail for operators and is never shown to a
 * submitter.
 *
 * <p>A message whose handling fails with this exception (or with any exception that is neither a
 * {@link UserErrorException} nor a {@link MalformedMessageException}) is not acknowledged at once:
 * it is retried with back-off up to a limit and then parked in the quarantine queue.
 */
public class SystemErrorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message technical detail for operators
   */
  public SystemErrorException(String message) {
    super(message);
  }

  /**
   * @param message technical detail for operators
   * @param cause the underlying exception
   */
  public SystemErrorException(String message, Throwable cause) {
    super(message, cause);
  }
}
