package io.lega.crypt4gh.kdf;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * OpenBSD's {@code bcrypt_pbkdf} (Ted Unangst, 2013), the key-derivation function of OpenSSH's
 * private-key format and of Crypt4GH's {@code bcrypt} KDF (the Python reference takes it from the
 * {@code bcrypt} package's {@code kdf()}).
 *
 * <p>It is PBKDF2 with SHA-512 as the pseudo-random function's pre-hash and a bcrypt-like hash (64
 * Eksblowfish expansions, then 64 encryptions of {@code "OxychromaticBlowfishSwatDynamite"}) as the
 * inner function, and one deviation: the output blocks are interleaved byte by byte rather than
 * concatenated, so that every byte of a long key depends on all the rounds.
 */
public final class BcryptPbkdf {
  /** Bytes produced by one bcrypt hash. */
  public static final int HASH_LENGTH = 32;

  /** The longest key this function produces (OpenBSD's limit). */
  public static final int MAX_KEY_LENGTH = HASH_LENGTH * HASH_LENGTH;

  /** The longest salt accepted (OpenBSD's limit). */
  public static final int MAX_SALT_LENGTH = 1 << 20;

  private static final int HASH_WORDS = HASH_LENGTH / 4;
  private static final int EXPANSIONS = 64;
  private static final byte[] MAGIC =
      "OxychromaticBlowfishSwatDynamite".getBytes(StandardCharsets.US_ASCII);

  private BcryptPbkdf() {}

  /**
   * Derives a key.
   *
   * @param password the password bytes, not empty
   * @param salt the salt, 1 to {@value #MAX_SALT_LENGTH} bytes
   * @param rounds the number of rounds, at least 1
   * @param keyLength bytes wanted, 1 to {@value #MAX_KEY_LENGTH}
   * @return the derived key
   * @throws IllegalArgumentException when a parameter is out of range (as OpenBSD, which refuses
   *     them too)
   */
  public static byte[] derive(byte[] password, byte[] salt, int rounds, int keyLength) {
    if (password == null || password.length == 0) {
      throw new IllegalArgumentException("bcrypt_pbkdf: the password must not be empty");
    }
    if (salt == null || salt.length == 0 || salt.length > MAX_SALT_LENGTH) {
      throw new IllegalArgumentException(
          "bcrypt_pbkdf: the salt must be 1 to " + MAX_SALT_LENGTH + " bytes");
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("bcrypt_pbkdf: rounds must be at least 1");
    }
    if (keyLength < 1 || keyLength > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "bcrypt_pbkdf: the key length must be 1 to " + MAX_KEY_LENGTH + " bytes");
    }
    MessageDigest sha512 = sha512();
    byte[] passwordHash = sha512.digest(password);
    int stride = (keyLength + HASH_LENGTH - 1) / HASH_LENGTH;
    byte[] key = new byte[keyLength];
    for (int block = 1; block <= stride; block++) {
      sha512.update(salt);
      sha512.update(bigEndian(block));
      byte[] hash = bcryptHash(passwordHash, sha512.digest());
      byte[] accumulated = hash.clone();
      for (int round = 1; round < rounds; round++) {
        hash = bcryptHash(passwordHash, sha512.digest(hash));
        for (int i = 0; i < HASH_LENGTH; i++) {
          accumulated[i] ^= hash[i];
        }
      }
      // The deviation from PBKDF2: byte i of this block goes to position i * stride + block - 1.
      for (int i = 0, dest = block - 1; i < HASH_LENGTH && dest < keyLength; i++, dest += stride) {
        key[dest] = accumulated[i];
      }
      Arrays.fill(accumulated, (byte) 0);
    }
    Arrays.fill(passwordHash, (byte) 0);
    return key;
  }

  /** OpenBSD's {@code bcrypt_hash}: 32 bytes from two SHA-512 digests. */
  private static byte[] bcryptHash(byte[] passwordHash, byte[] saltHash) {
    EksBlowfish blowfish = new EksBlowfish();
    blowfish.expandState(saltHash, passwordHash);
    for (int i = 0; i < EXPANSIONS; i++) {
      blowfish.expand0State(saltHash);
      blowfish.expand0State(passwordHash);
    }
    int[] words = new int[HASH_WORDS];
    for (int i = 0; i < HASH_WORDS; i++) {
      words[i] =
          ((MAGIC[4 * i] & 0xff) << 24)
              | ((MAGIC[4 * i + 1] & 0xff) << 16)
              | ((MAGIC[4 * i + 2] & 0xff) << 8)
              | (MAGIC[4 * i + 3] & 0xff);
    }
    for (int i = 0; i < EXPANSIONS; i++) {
      for (int block = 0; block < HASH_WORDS; block += 2) {
        blowfish.encipher(words, block);
      }
    }
    // Copied out little-endian, unlike the big-endian input: OpenBSD's choice, kept for interop.
    byte[] out = new byte[HASH_LENGTH];
    for (int i = 0; i < HASH_WORDS; i++) {
      out[4 * i] = (byte) words[i];
      out[4 * i + 1] = (byte) (words[i] >>> 8);
      out[4 * i + 2] = (byte) (words[i] >>> 16);
      out[4 * i + 3] = (byte) (words[i] >>> 24);
    }
    return out;
  }

  private static byte[] bigEndian(int value) {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  private static MessageDigest sha512() {
    try {
      return MessageDigest.getInstance("SHA-512");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is missing from this JDK", e);
    }
  }
}
