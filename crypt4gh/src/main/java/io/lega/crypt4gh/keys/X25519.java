package io.lega.crypt4gh.keys;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Optional;
import javax.crypto.KeyAgreement;

/**
 * Raw-bytes X25519 (RFC 7748) on the JDK's {@code XDH} provider. Keys are 32 little-endian bytes.
 */
public final class X25519 {
  /** Length in bytes of X25519 secret keys, public keys and shared secrets. */
  public static final int KEY_LENGTH = 32;

  private static final byte[] BASE_POINT = new byte[KEY_LENGTH];
  private static final SecureRandom RANDOM = new SecureRandom();

  static {
    BASE_POINT[0] = 9;
  }

  private X25519() {}

  /** A fresh random secret key. */
  public static byte[] newSecretKey() {
    byte[] secret = new byte[KEY_LENGTH];
    RANDOM.nextBytes(secret);
    return secret;
  }

  /** The public key of {@code secretKey}: the scalar multiplication of the base point. */
  public static byte[] publicKeyOf(byte[] secretKey) {
    return sharedSecret(secretKey, BASE_POINT)
        .orElseThrow(() -> new IllegalStateException("X25519 base point multiplication failed"));
  }

  /**
   * The Diffie-Hellman shared secret of {@code secretKey} and {@code peerPublicKey}, or empty when
   * the peer key is a low-order point (the result would be all zeros and must not be used).
   */
  public static Optional<byte[]> sharedSecret(byte[] secretKey, byte[] peerPublicKey) {
    checkLength(secretKey, "secret key");
    checkLength(peerPublicKey, "public key");
    try {
      KeyFactory factory = KeyFactory.getInstance("XDH");
      var privateKey =
          factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, secretKey));
      var publicKey =
          factory.generatePublic(
              new XECPublicKeySpec(NamedParameterSpec.X25519, toCoordinate(peerPublicKey)));
      KeyAgreement agreement = KeyAgreement.getInstance("XDH");
      agreement.init(privateKey);
      agreement.doPhase(publicKey, true);
      return Optional.of(agreement.generateSecret());
    } catch (java.security.InvalidKeyException e) {
      return Optional.empty();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's X25519 is unavailable", e);
    }
  }

  /** The u-coordinate of an encoded public key: little-endian, top bit masked (RFC 7748 §5). */
  private static BigInteger toCoordinate(byte[] encoded) {
    byte[] bigEndian = new byte[KEY_LENGTH];
    for (int i = 0; i < KEY_LENGTH; i++) {
      bigEndian[i] = encoded[KEY_LENGTH - 1 - i];
    }
    bigEndian[0] &= 0x7f;
    return new BigInteger(1, bigEndian);
  }

  private static void checkLength(byte[] key, String what) {
    if (key == null || key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("an X25519 " + what + " is " + KEY_LENGTH + " bytes");
    }
  }
}
