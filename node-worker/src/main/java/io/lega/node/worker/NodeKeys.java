package io.lega.node.worker;

import io.lega.crypt4gh.error.WrongPassphraseException;
import io.lega.crypt4gh.kdf.Kdf;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.keys.PassphraseSupplier;
import io.lega.crypt4gh.keys.PrivateKeyFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads the node's Crypt4GH keys named by configuration. Errors name the file and the config key,
 * never the passphrase; a key that cannot be loaded stops the service from starting ({@link
 * KeyLoadException}).
 */
public final class NodeKeys {

  private static final Logger LOG = Logger.getLogger(NodeKeys.class);

  private NodeKeys() {}

  /**
   * Loads one private key.
   *
   * @param group the key's configuration
   * @param key the configuration key it came from (e.g. {@code lega.keys.archive}), for messages
   * @throws KeyLoadException if the file is missing or invalid, or the passphrase is wrong
   */
  public static Crypt4ghPrivateKey privateKey(KeyGroup group, String key) {
    Path path = group.path();
    try {
      PrivateKeyFile file = KeyFiles.readPrivateKeyFile(path, () -> passphrase(group, key));
      if (file.kdf() == Kdf.NONE) {
        LOG.warnf(
            "%s: the key file %s is not passphrase-protected; protect it with crypt4gh-keygen",
            key, path);
      }
      return file.key();
    } catch (WrongPassphraseException e) {
      throw new KeyLoadException(
          "%s: the passphrase of %s is missing or wrong (%s.passphrase or %s.passphrase-file)"
              .formatted(key, path, key, key),
          e);
    } catch (IOException | RuntimeException e) {
      throw new KeyLoadException(key + ": cannot load the private key " + path + ": " + e, e);
    }
  }

  /**
   * Loads several private keys, e.g. the active submission keys.
   *
   * @throws KeyLoadException if none is configured, or one cannot be loaded
   */
  public static List<Crypt4ghPrivateKey> privateKeys(List<? extends KeyGroup> groups, String key) {
    if (groups.isEmpty()) {
      throw new KeyLoadException(
          key + ": at least one key is required (" + key + "[0].path)", null);
    }
    List<Crypt4ghPrivateKey> keys = new ArrayList<>();
    for (int i = 0; i < groups.size(); i++) {
      keys.add(privateKey(groups.get(i), key + "[" + i + "]"));
    }
    return List.copyOf(keys);
  }

  /**
   * Loads a public key file.
   *
   * @throws KeyLoadException if the file is missing or not a Crypt4GH public key
   */
  public static Crypt4ghPublicKey publicKey(Path path, String key) {
    try {
      return KeyFiles.readPublicKey(path);
    } catch (IOException | RuntimeException e) {
      throw new KeyLoadException(key + ": cannot load the public key " + path + ": " + e, e);
    }
  }

  private static char[] passphrase(KeyGroup group, String key) throws IOException {
    if (group.passphrase().isPresent()) {
      return group.passphrase().get().toCharArray();
    }
    if (group.passphraseFile().isPresent()) {
      Path file = group.passphraseFile().get();
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IOException(key + ".passphrase-file: cannot read " + file + ": " + e, e);
      }
      if (text.endsWith("\n")) {
        text = text.substring(0, text.length() - 1);
      }
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
      return text.toCharArray();
    }
    return PassphraseSupplier.none().get();
  }

  /** A configured key could not be loaded; the message names the key and file only. */
  public static final class KeyLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    KeyLoadException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
