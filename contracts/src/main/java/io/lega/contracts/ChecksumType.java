package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** The checksum algorithms of the protocol. */
public enum ChecksumType {
  SHA256("sha256", "SHA-256", 64),
  MD5("md5", "MD5", 32);

  private final String jsonName;
  private final String algorithm;
  private final int hexLength;

  ChecksumType(String jsonName, String algorithm, int hexLength) {
    this.jsonName = jsonName;
    this.algorithm = algorithm;
    this.hexLength = hexLength;
  }

  /** The name in a message's {@code type} field: {@code sha256} or {@code md5}. */
  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** The {@link java.security.MessageDigest} algorithm name. */
  public String algorithm() {
    return algorithm;
  }

  /** How many hexadecimal digits a value of this type has. */
  public int hexLength() {
    return hexLength;
  }

  /** The type named {@code jsonName} in a message. */
  public static Optional<ChecksumType> fromJsonName(String jsonName) {
    return Arrays.stream(values()).filter(t -> t.jsonName.equals(jsonName)).findFirst();
  }
}
