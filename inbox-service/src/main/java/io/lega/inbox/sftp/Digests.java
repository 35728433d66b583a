package io.lega.inbox.sftp;

import io.lega.inbox.notify.FileChecksums;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A running SHA-256 and MD5 of the same bytes. */
final class Digests {

  private final MessageDigest sha256 = digest("SHA-256");
  private final MessageDigest md5 = digest("MD5");

  void update(byte[] data, int offset, int length) {
    sha256.update(data, offset, length);
    md5.update(data, offset, length);
  }

  FileChecksums checksums() {
    HexFormat hex = HexFormat.of();
    return new FileChecksums(hex.formatHex(sha256.digest()), hex.formatHex(md5.digest()));
  }

  /**
   * Hashes a whole file, and keeps its first {@code head.length} bytes in {@code head}.
   *
   * @return how many bytes of {@code head} were filled
   */
  int hashFile(Path file, byte[] head) throws IOException {
    int headLength = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        update(buffer, 0, n);
        int take = Math.min(n, head.length - headLength);
        if (take > 0) {
          System.arraycopy(buffer, 0, head, headLength, take);
          headLength += take;
        }
      }
    }
    return headLength;
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from the JDK", e);
    }
  }
}
