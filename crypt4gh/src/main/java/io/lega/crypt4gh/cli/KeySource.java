package io.lega.crypt4gh.cli;

import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.keys.KeyFiles;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the CLI finds keys, as the reference tool does: {@code --sk}, else {@code
 * $C4GH_SECRET_KEY}, else {@code ~/.c4gh/key}; the passphrase from {@code $C4GH_PASSPHRASE}, else a
 * prompt on the terminal (only if the key is protected).
 */
final class KeySource {
  static final String SECRET_KEY_VARIABLE = "C4GH_SECRET_KEY";
  static final String PASSPHRASE_VARIABLE = "C4GH_PASSPHRASE";

  private KeySource() {}

  /** The reader's private key: {@code --sk}, {@code $C4GH_SECRET_KEY} or {@code ~/.c4gh/key}. */
  static Crypt4ghPrivateKey secretKey(Path option) throws IOException {
    Path path = option;
    if (path == null) {
      path =
          Optional.ofNullable(System.getenv(SECRET_KEY_VARIABLE))
              .filter(value -> !value.isBlank())
              .map(Path::of)
              .orElse(Path.of(System.getProperty("user.home"), ".c4gh", "key"));
    }
    return read(path);
  }

  /** The writer's private key, if one is named by {@code --sk} or {@code $C4GH_SECRET_KEY}. */
  static Optional<Crypt4ghPrivateKey> optionalSecretKey(Path option) throws IOException {
    if (option != null) {
      return Optional.of(read(option));
    }
    String fromEnvironment = System.getenv(SECRET_KEY_VARIABLE);
    if (fromEnvironment == null || fromEnvironment.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(read(Path.of(fromEnvironment)));
  }

  static Crypt4ghPublicKey publicKey(Path path) throws IOException {
    requireFile(path, "public key");
    return KeyFiles.readPublicKey(path);
  }

  /** The passphrase for a new key: {@code $C4GH_PASSPHRASE}, else asked twice on the terminal. */
  static char[] newPassphrase() throws IOException {
    String fromEnvironment = System.getenv(PASSPHRASE_VARIABLE);
    if (fromEnvironment != null) {
      return fromEnvironment.toCharArray();
    }
    Console console = console("a passphrase for the new private key");
    char[] first = console.readPassword("Passphrase for your private key: ");
    char[] second = console.readPassword("Passphrase (again): ");
    if (first == null || !java.util.Arrays.equals(first, second)) {
      throw new CliError("the passphrases do not match", 1);
    }
    return first;
  }

  private static Crypt4ghPrivateKey read(Path path) throws IOException {
    requireFile(path, "private key");
    return KeyFiles.readPrivateKey(path, KeySource::passphrase);
  }

  private static char[] passphrase() {
    String fromEnvironment = System.getenv(PASSPHRASE_VARIABLE);
    if (fromEnvironment != null) {
      return fromEnvironment.toCharArray();
    }
    return console("the private key's passphrase").readPassword("Passphrase for the private key: ");
  }

  private static Console console(String what) {
    Console console = System.console();
    if (console == null) {
      throw new CliError(
          "no terminal to ask for " + what + ": set " + PASSPHRASE_VARIABLE + " instead", 1);
    }
    return console;
  }

  private static void requireFile(Path path, String what) {
    if (!Files.isRegularFile(path)) {
      throw new CliError("no " + what + " file at " + path, 1);
    }
  }
}
