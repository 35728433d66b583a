package io.lega.local;

import io.lega.crypt4gh.kdf.Kdf;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.keys.KeyProtection;
import io.lega.crypt4gh.keys.PassphraseSupplier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The keys of a local node, all in one owner-only folder that survives a restart.
 *
 * <ul>
 *   <li>{@code submission.sec/.pub/.pass}: the node's Crypt4GH submission key pair (submitters
 *       encrypt for its public half; ingest holds the private half), passphrase-protected, the
 *       passphrase in a file only the services read;
 *   <li>{@code archive.sec/.pub/.pass}: the archive key pair (ingest encrypts the archived headers
 *       for its public half; verify holds the private half);
 *   <li>{@code hub-signing-key.jwk}: the hub's Passport signing key (the hub makes it on first
 *       start);
 *   <li>{@code ssh_host_key}: the inbox's SFTP host key (the inbox makes it on first start).
 * </ul>
 *
 * @param dir the folder
 */
public record LocalKeys(Path dir) {

  /** The submission key pair's file names, without extension. */
  public static final String SUBMISSION = "submission";

  /** The archive key pair's file names, without extension. */
  public static final String ARCHIVE = "archive";

  /** Opens the folder, making whatever key pair is missing. */
  public static LocalKeys loadOrCreate(Path dir) {
    try {
      OwnerOnly.directory(dir);
      LocalKeys keys = new LocalKeys(dir);
      for (String name : List.of(SUBMISSION, ARCHIVE)) {
        keys.makeIfMissing(name);
      }
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the node's keys in " + dir, e);
    }
  }

  private void makeIfMissing(String name) throws IOException {
    if (!Files.exists(secretKey(name))) {
      String passphrase = Secrets.random(24);
      Crypt4ghPrivateKey key = Crypt4ghPrivateKey.generate();
      OwnerOnly.writeString(passphraseFile(name), passphrase + "\n");
      KeyFiles.writePrivateKey(
          secretKey(name),
          key,
          KeyProtection.withPassphrase(Kdf.SCRYPT, passphrase.toCharArray()),
          "local node " + name + " key",
          true);
      KeyFiles.writePublicKey(publicKey(name), key.publicKey(), true);
    } else if (!Files.exists(publicKey(name))) {
      KeyFiles.writePublicKey(publicKey(name), privateKey(name).publicKey(), false);
    }
  }

  /** The private key file of a pair. */
  public Path secretKey(String name) {
    return dir.resolve(name + ".sec");
  }

  /** The public key file of a pair. */
  public Path publicKey(String name) {
    return dir.resolve(name + ".pub");
  }

  /** The file holding the passphrase of a pair's private key. */
  public Path passphraseFile(String name) {
    return dir.resolve(name + ".pass");
  }

  /** The passphrase of a pair's private key. */
  public String passphrase(String name) {
    try {
      return Files.readString(passphraseFile(name)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A pair's private key, opened with its passphrase. */
  public Crypt4ghPrivateKey privateKey(String name) {
    try {
      return KeyFiles.readPrivateKey(secretKey(name), PassphraseSupplier.of(passphrase(name)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The submission public key in its PEM form, as submitters receive it. */
  public String submissionPublicKeyPem() {
    try {
      return Files.readString(publicKey(SUBMISSION)).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The hub's Passport signing key file. */
  public Path hubSigningKey() {
    return dir.resolve("hub-signing-key.jwk");
  }

  /** The inbox's SFTP host key file. */
  public Path sftpHostKey() {
    return dir.resolve("ssh_host_key");
  }

  /** Every passphrase (no log may hold one). */
  public List<String> passphrases() {
    return List.of(passphrase(SUBMISSION), passphrase(ARCHIVE));
  }
}
