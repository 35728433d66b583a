package io.lega.crypt4gh.error;

/**
 * The input ends too early: inside the header, or with a trailing body segment too short to hold a
 * nonce and an authentication tag.
 */
public final class TruncatedException extends Crypt4ghException {
  public TruncatedException(String message) {
    super(message);
  }
}
