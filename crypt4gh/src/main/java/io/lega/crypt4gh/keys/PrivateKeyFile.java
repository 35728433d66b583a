package io.lega.crypt4gh.keys;

import io.lega.crypt4gh.kdf.Kdf;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Crypt4GH private key file holds, once unlocked: the key, the function that protected it
 * ({@link Kdf#NONE} if none did) and the optional comment.
 *
 * @param key the private key
 * @param kdf the key-derivation function of the file
 * @param comment the comment, decoded as UTF-8, if the file has one
 */
public record PrivateKeyFile(Crypt4ghPrivateKey key, Kdf kdf, Optional<String> comment) {
  /** Checks that no component is null. */
  public PrivateKeyFile {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kdf, "kdf");
    Objects.requireNonNull(comment, "comment");
  }
}
