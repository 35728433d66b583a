package io.lega.crypt4gh.error;

/**
 * A sender's public key was expected, and the header packets that decrypt for this reader were
 * written with another key.
 */
public final class SenderKeyMismatchException extends Crypt4ghException {
  public SenderKeyMismatchException() {
    super("the file was not written by the expected sender: the header's writer key differs");
  }
}
