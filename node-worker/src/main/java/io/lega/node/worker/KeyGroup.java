package io.lega.node.worker;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A Crypt4GH private key file and where its passphrase comes from: a config group. The passphrase
 * is given either directly (an environment variable, e.g. {@code LEGA_KEYS_ARCHIVE_PASSPHRASE}) or
 * as a file (a mounted secret); never from the repository, never logged.
 */
public interface KeyGroup {

  /** The private key file (Crypt4GH format, passphrase-protected). */
  Path path();

  /** The passphrase. */
  Optional<String> passphrase();

  /** A file holding the passphrase (one trailing line break is ignored). */
  Optional<Path> passphraseFile();
}
