package io.lega.crypt4gh.keys;

/**
 * A Crypt4GH (X25519) private key with its public half. {@link #toString()} never shows the secret
 * bytes, so the object is safe to log by accident.
 */
public final class Crypt4ghPrivateKey {
  private final byte[] secret;
  private final Crypt4ghPublicKey publicKey;

  private Crypt4ghPrivateKey(byte[] secret) {
    this.secret = secret;
    this.publicKey = Crypt4ghPublicKey.of(X25519.publicKeyOf(secret));
  }

  /** A new random key pair. */
  public static Crypt4ghPrivateKey generate() {
    return new Crypt4ghPrivateKey(X25519.newSecretKey());
  }

  /** Wraps a copy of 32 raw secret-key bytes; the public half is derived. */
  public static Crypt4ghPrivateKey of(byte[] secret) {
    if (secret == null || secret.length != X25519.KEY_LENGTH) {
      throw new IllegalArgumentException(
          "a Crypt4GH private key is " + X25519.KEY_LENGTH + " bytes");
    }
    return new Crypt4ghPrivateKey(secret.clone());
  }

  /** A copy of the raw secret bytes. Handle with care. */
  public byte[] secretBytes() {
    return secret.clone();
  }

  public Crypt4ghPublicKey publicKey() {
    return publicKey;
  }

  @Override
  public String toString() {
    return "Crypt4ghPrivateKey[public=" + publicKey.hex() + "]";
  }
}
