package io.lega.node.store.model;

/** A checksum algorithm: {@code checksums.type}. Values are stored as lower-case hex. */
public enum ChecksumType implements StoredAsText {
  /** SHA-256: 64 hex digits. */
  SHA256(64),
  /** MD5: 32 hex digits. */
  MD5(32);

  private final int hexLength;

  ChecksumType(int hexLength) {
    this.hexLength = hexLength;
  }

  /**
   * @return how many hex digits a checksum of this type has
   */
  public int hexLength() {
    return hexLength;
  }

  /** Stores {@link ChecksumType} as its {@linkplain StoredAsText#value() text value}. */
  public static final class Converter extends TextEnumConverter<ChecksumType> {
    /** Used by Hibernate. */
    public Converter() {
      super(ChecksumType.class);
    }
  }
}
