package io.lega.crypt4gh.keys;

import java.util.Arrays;
import java.util.HexFormat;

/** A Crypt4GH (X25519) public key: 32 bytes. */
public final class Crypt4ghPublicKey {
  private final byte[] bytes;

  private Crypt4ghPublicKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of 32 raw key bytes. */
  public static Crypt4ghPublicKey of(byte[] bytes) {
    if (bytes == null || bytes.length != X25519.KEY_LENGTH) {
      throw new IllegalArgumentException(
          "a Crypt4GH public key is " + X25519.KEY_LENGTH + " bytes");
    }
    return new Crypt4ghPublicKey(bytes.clone());
  }

  /** A copy of the raw key bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The key as lowercase hex, for logs and fingerprints (a public key is not a secret). */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Crypt4ghPublicKey that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "Crypt4ghPublicKey[" + hex() + "]";
  }
}
