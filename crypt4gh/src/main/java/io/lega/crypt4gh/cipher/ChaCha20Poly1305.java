package io.lega.crypt4gh.cipher;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ChaCha20-Poly1305 (IETF, RFC 8439) on the JDK's provider, the one AEAD of Crypt4GH. An instance
 * holds one {@link Cipher} and is not thread-safe: give each thread its own.
 */
public final class ChaCha20Poly1305 {
  public static final int KEY_LENGTH = 32;
  public static final int NONCE_LENGTH = 12;
  public static final int TAG_LENGTH = 16;

  private static final String ALGORITHM = "ChaCha20-Poly1305";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Cipher cipher;

  public ChaCha20Poly1305() {
    try {
      this.cipher = Cipher.getInstance(ALGORITHM);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK provides no ChaCha20-Poly1305", e);
    }
  }

  /** A fresh random nonce. */
  public static byte[] newNonce() {
    byte[] nonce = new byte[NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    return nonce;
  }

  /** Fills {@code out[offset, offset + NONCE_LENGTH)} with a fresh random nonce. */
  public static void newNonce(byte[] out, int offset) {
    byte[] nonce = newNonce();
    System.arraycopy(nonce, 0, out, offset, NONCE_LENGTH);
  }

  /** Fills the whole of {@code out} with fresh random bytes: nonces, one after the other. */
  public static void newNonces(byte[] out) {
    RANDOM.nextBytes(out);
  }

  /** A fresh random 32-byte key. */
  public static byte[] newKey() {
    byte[] key = new byte[KEY_LENGTH];
    RANDOM.nextBytes(key);
    return key;
  }

  /**
   * Encrypts {@code in[inOffset, inOffset + length)} into {@code out} at {@code outOffset}:
   * ciphertext followed by the 16-byte tag. Returns the bytes written ({@code length + 16}).
   */
  public int seal(
      SecretKeySpec key,
      byte[] nonce,
      byte[] in,
      int inOffset,
      int length,
      byte[] out,
      int outOffset) {
    try {
      cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
      return cipher.doFinal(in, inOffset, length, out, outOffset);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 encryption failed", e);
    }
  }

  /**
   * Decrypts and authenticates {@code in[inOffset, inOffset + length)} (ciphertext and tag) into
   * {@code out} at {@code outOffset}. Returns the plaintext length, or -1 if authentication fails.
   */
  public int open(
      SecretKeySpec key,
      byte[] nonce,
      byte[] in,
      int inOffset,
      int length,
      byte[] out,
      int outOffset) {
    if (length < TAG_LENGTH) {
      return -1;
    }
    try {
      cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
      return cipher.doFinal(in, inOffset, length, out, outOffset);
    } catch (AEADBadTagException e) {
      return -1;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ChaCha20-Poly1305 decryption failed", e);
    }
  }

  /** Encrypts a small message with a fresh nonce; returns nonce, ciphertext and tag. */
  public static byte[] sealWithNonce(byte[] key, byte[] plaintext) {
    byte[] out = new byte[NONCE_LENGTH + plaintext.length + TAG_LENGTH];
    byte[] nonce = newNonce();
    System.arraycopy(nonce, 0, out, 0, NONCE_LENGTH);
    new ChaCha20Poly1305()
        .seal(keySpec(key), nonce, plaintext, 0, plaintext.length, out, NONCE_LENGTH);
    return out;
  }

  /**
   * Decrypts a small message laid out as nonce, ciphertext and tag; empty if it does not
   * authenticate.
   */
  public static Optional<byte[]> openWithNonce(byte[] key, byte[] sealed, int offset, int length) {
    if (length < NONCE_LENGTH + TAG_LENGTH) {
      return Optional.empty();
    }
    byte[] nonce = new byte[NONCE_LENGTH];
    System.arraycopy(sealed, offset, nonce, 0, NONCE_LENGTH);
    byte[] plain = new byte[length - NONCE_LENGTH - TAG_LENGTH];
    int n =
        new ChaCha20Poly1305()
            .open(
                keySpec(key),
                nonce,
                sealed,
                offset + NONCE_LENGTH,
                length - NONCE_LENGTH,
                plain,
                0);
    return n < 0 ? Optional.empty() : Optional.of(plain);
  }

  /** The JCA key object for 32 raw key bytes. */
  public static SecretKeySpec keySpec(byte[] key) {
    if (key.length != KEY_LENGTH) {
      throw new IllegalArgumentException("a ChaCha20-Poly1305 key is " + KEY_LENGTH + " bytes");
    }
    return new SecretKeySpec(key, "ChaCha20");
  }
}
