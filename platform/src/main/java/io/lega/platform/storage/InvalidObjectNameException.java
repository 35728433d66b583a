package io.lega.platform.storage;

/**
 * An object name broke the rules of {@link ObjectNames#validate(String)}. This is a caller's error,
 * found before any I/O, hence an unchecked exception. Control characters in the offending name are
 * shown escaped in the message, so it is safe to log.
 */
public final class InvalidObjectNameException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidObjectNameException(String name, String reason) {
    super("invalid object name " + ObjectNames.quote(name) + ": " + reason);
  }
}
