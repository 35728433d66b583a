package io.lega.crypt4gh.error;

/** The private key file is protected, and the passphrase given does not unlock it. */
public final class WrongPassphraseException extends Crypt4ghException {
  public WrongPassphraseException() {
    super("wrong passphrase: the private key cannot be unlocked with it");
  }
}
