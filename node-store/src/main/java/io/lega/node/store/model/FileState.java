package io.lega.node.store.model;

/**
 * Where a file is in the pipeline: {@code files.state}. It is always the event of the file's latest
 * {@code file_events} row (see {@link FileEvent}).
 */
public enum FileState implements StoredAsText {
  /** Known to the node; not (yet) seen complete in the inbox. */
  REGISTERED,
  /** Complete in the user's inbox. */
  UPLOADED,
  /** The hub asked for its ingestion. */
  SUBMITTED,
  /** Its body is in archive storage, its header re-encrypted for the archive key. */
  ARCHIVED,
  /** Its body decrypts and matches the checksums the submitter declared. */
  VERIFIED,
  /** Accessioned and backed up: it can be put in datasets and downloaded. */
  READY,
  /** Taken out of the pipeline by the hub or an operator (cancelled, withdrawn). */
  DISABLED,
  /** Failed for a reason given in its event. */
  ERROR;

  /** Stores {@link FileState} as its {@linkplain StoredAsText#value() text value}. */
  public static final class Converter extends TextEnumConverter<FileState> {
    /** Used by Hibernate. */
    public Converter() {
      super(FileState.class);
    }
  }
}
