package io.lega.hub.service;

/**
 * The caller asked for something the hub refuses (a malformed SSH key, a weak password, an unknown
 * role...). The message says what, and is shown to the caller as it is: it never holds a password
 * or a token.
 */
public class InvalidRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }
}
