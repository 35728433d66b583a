package io.lega.inbox.notify;

import java.util.Objects;

/**
 * The SHA-256 and MD5 of a file's bytes, lower-case hexadecimal.
 *
 * @param sha256 64 hex digits
 * @param md5 32 hex digits
 */
public record FileChecksums(String sha256, String md5) {

  public FileChecksums {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(md5, "md5");
  }
}
