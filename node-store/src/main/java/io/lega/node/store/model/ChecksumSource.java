package io.lega.node.store.model;

/** Which bytes a checksum is of: {@code checksums.source}. */
public enum ChecksumSource implements StoredAsText {
  /** The encrypted file as uploaded to the inbox (reported by the inbox). */
  UPLOADED,
  /** The archived body (the encrypted file without its header). */
  ARCHIVED,
  /** The decrypted content (computed by verify; the submitter declares these too). */
  DECRYPTED;

  /** Stores {@link ChecksumSource} as its {@linkplain StoredAsText#value() text value}. */
  public static final class Converter extends TextEnumConverter<ChecksumSource> {
    /** Used by Hibernate. */
    public Converter() {
      super(ChecksumSource.class);
    }
  }
}
