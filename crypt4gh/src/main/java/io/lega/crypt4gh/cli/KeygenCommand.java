package io.lega.crypt4gh.cli;

import io.lega.crypt4gh.kdf.Kdf;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.keys.KeyProtection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code crypt4gh-keygen}: makes a key pair, the private half protected by a passphrase (scrypt, as
 * the reference does) unless {@code --nocrypt}.
 */
@Command(
    name = "keygen",
    versionProvider = Version.class,
    description = {
      "Generate a Crypt4GH key pair.",
      "The passphrase comes from $C4GH_PASSPHRASE, or is asked twice on the terminal."
    })
public final class KeygenCommand implements Callable<Integer> {
  @Mixin HelpOptions helpOptions;

  @Option(
      names = "--sk",
      paramLabel = "<path>",
      description = "Private key to write (default: ${DEFAULT-VALUE}).")
  Path secretKey = Path.of("key.sec");

  @Option(
      names = "--pk",
      paramLabel = "<path>",
      description = "Public key to write (default: ${DEFAULT-VALUE}).")
  Path publicKey = Path.of("key.pub");

  @Option(names = "--nocrypt", description = "Do not protect the private key with a passphrase.")
  boolean noCrypt;

  @Option(
      names = "-C",
      paramLabel = "<comment>",
      description = "A comment stored in the private key.")
  String comment;

  @Option(names = "-f", description = "Overwrite existing key files.")
  boolean force;

  @Option(
      names = "--log",
      paramLabel = "<file>",
      description = "Ignored (reference-tool compatibility).")
  String log;

  @Override
  public Integer call() throws Exception {
    if (!force) {
      for (Path path : new Path[] {secretKey, publicKey}) {
        if (Files.exists(path)) {
          throw new CliError(path + " already exists: use -f to overwrite it", 1);
        }
      }
    }
    Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
    KeyProtection protection;
    if (noCrypt) {
      protection = KeyProtection.none();
    } else {
      char[] passphrase = KeySource.newPassphrase();
      if (passphrase.length == 0) {
        throw new CliError(
            "an empty passphrase protects nothing: use --nocrypt for an unprotected key", 1);
      }
      protection = KeyProtection.withPassphrase(Kdf.SCRYPT, passphrase);
      Arrays.fill(passphrase, '\0');
    }
    try {
      KeyFiles.writePrivateKey(secretKey, key, protection, comment, force);
      KeyFiles.writePublicKey(publicKey, key.publicKey(), force);
    } finally {
      protection.destroy();
    }
    return 0;
  }
}
