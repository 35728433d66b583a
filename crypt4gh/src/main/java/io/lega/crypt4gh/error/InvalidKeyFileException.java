package io.lega.crypt4gh.error;

/**
 * A key file cannot be read: not PEM, an unknown label, not the {@code c4gh-v1} format, an
 * unsupported key-derivation function or cipher, or a key of the wrong length.
 */
public final class InvalidKeyFileException extends Crypt4ghException {
  public InvalidKeyFileException(String message) {
    super(message);
  }
}
