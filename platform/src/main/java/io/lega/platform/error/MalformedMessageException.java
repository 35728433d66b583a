package io.lega.platform.error;

/**
 * Bytes that cannot be turned into a message: not JSON, a schema violation, an unknown {@code
 * type}. Retrying cannot help, so such a message is parked in the quarantine queue with this
 * exception's message as the reason, and the original is acknowledged.
 *
 * <p>Decoders throw it (see {@code io.lega.platform.broker.MessageDecoder}); a decoder that throws
 * any other runtime exception is treated the same way, so a codec with its own exception type can
 * be plugged in unchanged.
 */
public class MalformedMessageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * @param message why the bytes are not a valid message (for operators)
   */
  public MalformedMessageException(String message) {
    super(message);
  }

  /**
   * @param message why the bytes are not a valid message (for operators)
   * @param cause the parser's or validator's exception
   */
  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
