package io.lega.crypt4gh.kdf;

import io.lega.crypt4gh.error.InvalidKeyFileException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The key-derivation functions that protect a Crypt4GH private key file with a passphrase, under
 * their on-disk names, with the parameters the reference implementation (EGA-archive/crypt4gh) uses
 * when it writes a key: a 16-byte random salt, and rounds 0 for scrypt (ignored: scrypt always runs
 * with N=2^14, r=8, p=1), 100 for bcrypt and 100 000 for PBKDF2.
 *
 * <p>Every function takes the passphrase as its UTF-8 bytes and returns a 32-byte key, the
 * ChaCha20-Poly1305 key that seals the secret key.
 */
public enum Kdf {
  /** No passphrase: the secret key is stored in clear. */
  NONE("none", 0, 0),
  /** scrypt with N=2^14, r=8, p=1; the rounds field is ignored. */
  SCRYPT("scrypt", 0, 16),
  /** OpenBSD's bcrypt_pbkdf, as in OpenSSH keys; see {@link BcryptPbkdf}. */
  BCRYPT("bcrypt", 100, 16),
  /** PBKDF2 with HMAC-SHA-256 (RFC 8018). */
  PBKDF2_HMAC_SHA256("pbkdf2_hmac_sha256", 100_000, 16);

  /** Length in bytes of every derived key. */
  public static final int KEY_LENGTH = 32;

  private static final int SCRYPT_N = 1 << 14;
  private static final int SCRYPT_R = 8;
  private static final int SCRYPT_P = 1;

  private final String onDiskName;
  private final int defaultRounds;
  private final int defaultSaltLength;

  Kdf(String onDiskName, int defaultRounds, int defaultSaltLength) {
    this.onDiskName = onDiskName;
    this.defaultRounds = defaultRounds;
    this.defaultSaltLength = defaultSaltLength;
  }

  /** The name written in key files, for example {@code "pbkdf2_hmac_sha256"}. */
  public String onDiskName() {
    return onDiskName;
  }

  /** The rounds the reference writes for this function. */
  public int defaultRounds() {
    return defaultRounds;
  }

  /** The salt length, in bytes, the reference writes for this function (0 for {@link #NONE}). */
  public int defaultSaltLength() {
    return defaultSaltLength;
  }

  /**
   * The function written as {@code name} in a key file.
   *
   * @throws InvalidKeyFileException when the name is not one of the four known ones
   */
  public static Kdf fromName(String name) throws InvalidKeyFileException {
    for (Kdf kdf : values()) {
      if (kdf.onDiskName.equals(name)) {
        return kdf;
      }
    }
    throw new InvalidKeyFileException(
        "unsupported key-derivation function "
            + printable(name)
            + " (expected none, scrypt, bcrypt or pbkdf2_hmac_sha256)");
  }

  /**
   * Derives the 32-byte key that protects a secret key.
   *
   * @param passphraseUtf8 the passphrase, as UTF-8 bytes
   * @param salt the salt read from, or written to, the key file
   * @param rounds the rounds read from, or written to, the key file (ignored by scrypt)
   * @return a new 32-byte key
   * @throws IllegalArgumentException when the parameters are invalid for this function (PBKDF2 and
   *     bcrypt need at least one round; bcrypt needs a non-empty passphrase and salt)
   * @throws UnsupportedOperationException for {@link #NONE}
   */
  public byte[] derive(byte[] passphraseUtf8, byte[] salt, int rounds) {
    switch (this) {
      case SCRYPT:
        return SCrypt.generate(passphraseUtf8, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P, KEY_LENGTH);
      case BCRYPT:
        return BcryptPbkdf.derive(passphraseUtf8, salt, rounds, KEY_LENGTH);
      case PBKDF2_HMAC_SHA256:
        return pbkdf2HmacSha256(passphraseUtf8, salt, rounds);
      default:
        throw new UnsupportedOperationException("the 'none' KDF derives no key");
    }
  }

  /**
   * PBKDF2-HMAC-SHA-256 over the raw passphrase bytes. BouncyCastle's generator takes bytes, unlike
   * the JDK's {@code PBEKeySpec} (chars), and accepts an empty passphrase, as Python's hashlib
   * does.
   */
  private static byte[] pbkdf2HmacSha256(byte[] passphrase, byte[] salt, int rounds) {
    if (rounds < 1) {
      throw new IllegalArgumentException("pbkdf2_hmac_sha256: rounds must be at least 1");
    }
    PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
    generator.init(passphrase, salt, rounds);
    return ((KeyParameter) generator.generateDerivedParameters(8 * KEY_LENGTH)).getKey();
  }

  /** The name as a quoted string of printable ASCII, cut short, safe for an error message. */
  private static String printable(String name) {
    if (name == null) {
      return "(none)";
    }
    StringBuilder out = new StringBuilder("'");
    for (int i = 0; i < name.length() && i < 40; i++) {
      char c = name.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.append(name.length() > 40 ? "...'" : "'").toString();
  }
}
