package io.lega.node.store;

import io.lega.node.store.model.KeyPurpose;

/** The public key is registered already, for the other purpose. */
public class KeyPurposeConflictException extends StoreConflictException {

  private static final long serialVersionUID = 1L;

  private final String publicKeyHex;
  private final KeyPurpose stored;

  /**
   * @param publicKeyHex the key
   * @param stored the purpose it is registered for
   * @param offered the purpose it was to be registered for
   */
  public KeyPurposeConflictException(String publicKeyHex, KeyPurpose stored, KeyPurpose offered) {
    super(
        "key "
            + publicKeyHex
            + " is registered for "
            + stored.value()
            + ", not "
            + offered.value());
    this.publicKeyHex = publicKeyHex;
    this.stored = stored;
  }

  /**
   * @return the key
   */
  public String publicKeyHex() {
    return publicKeyHex;
  }

  /**
   * @return the purpose it is registered for
   */
  public KeyPurpose stored() {
    return stored;
  }
}
