package io.lega.crypt4gh.error;

import java.io.IOException;

/**
 * Root of the library's typed errors. Every failure caused by the input (a file, a key, a
 * passphrase) is one of the subclasses, each with a message a person understands. It extends {@link
 * IOException} so that the streaming API can throw it from {@code read} and {@code write}.
 */
public abstract class Crypt4ghException extends IOException {
  protected Crypt4ghException(String message) {
    super(message);
  }

  protected Crypt4ghException(String message, Throwable cause) {
    super(message, cause);
  }
}
