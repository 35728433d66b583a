package io.lega.node.store.model;

/** What a node key is for: {@code crypt4gh_keys.purpose}. */
public enum KeyPurpose implements StoredAsText {
  /** Submitters encrypt for it; ingest holds the private key. */
  SUBMISSION,
  /** Archived headers are encrypted for it; verify and download hold the private key. */
  ARCHIVE;

  /** Stores {@link KeyPurpose} as its {@linkplain StoredAsText#value() text value}. */
  public static final class Converter extends TextEnumConverter<KeyPurpose> {
    /** Used by Hibernate. */
    public Converter() {
      super(KeyPurpose.class);
    }
  }
}
