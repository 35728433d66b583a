package io.lega.contracts;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One checksum: {@code {"type": "sha256", "value": "<64 hex>"}} or {@code {"type": "md5", "value":
 * "<32 hex>"}}. Messages may carry either case; the record keeps the value in lower case, so that
 * two checksums of the same bytes are {@code equals}.
 *
 * @param type the algorithm
 * @param value the digest in hexadecimal
 */
public record Checksum(ChecksumType type, String value) {

  private static final HexFormat HEX = HexFormat.of();

  public Checksum {
    if (value != null) {
      value = value.toLowerCase(Locale.ROOT);
    }
  }

  public static Checksum sha256(String hex) {
    return new Checksum(ChecksumType.SHA256, hex);
  }

  public static Checksum md5(String hex) {
    return new Checksum(ChecksumType.MD5, hex);
  }

  /** The checksum of type {@code type} whose digest is {@code digest} (raw bytes). */
  public static Checksum of(ChecksumType type, byte[] digest) {
    return new Checksum(Objects.requireNonNull(type, "type"), HEX.formatHex(digest));
  }

  /** The value of the first checksum of type {@code type} in {@code checksums}, if any. */
  public static Optional<String> find(List<Checksum> checksums, ChecksumType type) {
    if (checksums == null) {
      return Optional.empty();
    }
    return checksums.stream()
        .filter(c -> c != null && c.type() == type)
        .map(Checksum::value)
        .findFirst();
  }
}
