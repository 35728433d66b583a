package io.lega.crypt4gh.keys;

import io.lega.crypt4gh.kdf.Kdf;
import java.util.Arrays;

/**
 * How a private key is protected when it is written: not at all ({@link #none()}), or sealed with
 * ChaCha20-Poly1305 under a key derived from a passphrase by a {@link Kdf}. Holds a copy of the
 * passphrase, which {@link #toString()} never shows; {@link #destroy()} wipes it.
 */
public final class KeyProtection {
  private static final KeyProtection NONE = new KeyProtection(Kdf.NONE, null, 0);

  private final Kdf kdf;
  private final char[] passphrase;
  private final int rounds;

  private KeyProtection(Kdf kdf, char[] passphrase, int rounds) {
    this.kdf = kdf;
    this.passphrase = passphrase;
    this.rounds = rounds;
  }

  /** No protection: the secret key is written in clear (the reference's {@code --nocrypt}). */
  public static KeyProtection none() {
    return NONE;
  }

  /**
   * Protection by {@code passphrase} through {@code kdf}, with the reference's default rounds.
   *
   * @throws IllegalArgumentException when {@code kdf} is {@link Kdf#NONE} or the passphrase is
   *     empty (the reference writes an unprotected key then; say so with {@link #none()})
   */
  public static KeyProtection withPassphrase(Kdf kdf, char[] passphrase) {
    return withPassphrase(kdf, passphrase, kdf == null ? 0 : kdf.defaultRounds());
  }

  /**
   * Protection by {@code passphrase} through {@code kdf} with explicit rounds (stored in the file;
   * scrypt ignores them).
   *
   * @throws IllegalArgumentException as {@link #withPassphrase(Kdf, char[])}, or when bcrypt or
   *     PBKDF2 is given fewer than one round
   */
  public static KeyProtection withPassphrase(Kdf kdf, char[] passphrase, int rounds) {
    if (kdf == null || kdf == Kdf.NONE) {
      throw new IllegalArgumentException(
          "a passphrase needs a key-derivation function; use KeyProtection.none() for no passphrase");
    }
    if (passphrase == null || passphrase.length == 0) {
      throw new IllegalArgumentException(
          "the passphrase is empty; use KeyProtection.none() to write an unprotected key");
    }
    if (kdf != Kdf.SCRYPT && rounds < 1) {
      throw new IllegalArgumentException(kdf.onDiskName() + " needs at least one round");
    }
    return new KeyProtection(kdf, passphrase.clone(), rounds);
  }

  /** The key-derivation function, {@link Kdf#NONE} for an unprotected key. */
  public Kdf kdf() {
    return kdf;
  }

  /** The rounds written to the file (0 when unprotected). */
  public int rounds() {
    return rounds;
  }

  /** Whether the key is sealed with a passphrase. */
  public boolean isProtected() {
    return kdf != Kdf.NONE;
  }

  /** The UTF-8 bytes of the passphrase, in a new array the caller wipes. */
  byte[] passphraseUtf8() {
    if (passphrase == null) {
      throw new IllegalStateException("an unprotected key has no passphrase");
    }
    return PassphraseBytes.utf8(passphrase);
  }

  /** Wipes the copy of the passphrase held here; the object must not be used afterwards. */
  public void destroy() {
    if (passphrase != null) {
      Arrays.fill(passphrase, '\0');
    }
  }

  @Override
  public String toString() {
    return isProtected()
        ? "KeyProtection[kdf=" + kdf.onDiskName() + ", rounds=" + rounds + ", passphrase=***]"
        : "KeyProtection[none]";
  }
}
