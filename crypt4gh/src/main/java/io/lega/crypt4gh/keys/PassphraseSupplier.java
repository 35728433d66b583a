package io.lega.crypt4gh.keys;

import java.io.IOException;

/**
 * Gives the passphrase of a private key file, on demand: {@link KeyFiles} calls it at most once per
 * read, and only when the key in the file is protected, so a console prompt is shown only when it
 * is needed.
 *
 * <p>The library does not keep the returned array, nor wipe it: the caller may clear it once the
 * read returns.
 */
@FunctionalInterface
public interface PassphraseSupplier {
  /**
   * The passphrase, or {@code null} when none is available (a protected key then fails with {@link
   * io.lega.crypt4gh.error.WrongPassphraseException}).
   *
   * @throws IOException when asking for it fails (no console, for example)
   */
  char[] get() throws IOException;

  /** A supplier of a fixed passphrase. */
  static PassphraseSupplier of(String passphrase) {
    return () -> passphrase == null ? null : passphrase.toCharArray();
  }

  /** A supplier for keys known to be unprotected: it has no passphrase to give. */
  static PassphraseSupplier none() {
    return () -> null;
  }
}
