package io.lega.crypt4gh.error;

/** The input does not start with the Crypt4GH magic bytes {@code crypt4gh}. */
public final class NotCrypt4ghException extends Crypt4ghException {
  public NotCrypt4ghException(String message) {
    super(message);
  }
}
