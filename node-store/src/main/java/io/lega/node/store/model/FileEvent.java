package io.lega.node.store.model;

/**
 * What happened to a file: {@code file_events.event}. Each event puts the file in the {@linkplain
 * #state() state} of the same name.
 */
public enum FileEvent implements StoredAsText {
  /** The file became known to the node. */
  REGISTERED,
  /** The file was seen complete in the inbox. */
  UPLOADED,
  /** The hub asked for its ingestion. */
  SUBMITTED,
  /** Its body was archived. */
  ARCHIVED,
  /** Its body was verified. */
  VERIFIED,
  /** It was accessioned and backed up. */
  READY,
  /** It was taken out of the pipeline; the reason says why. */
  DISABLED,
  /** It failed; the reason says why. */
  ERROR;

  /**
   * @return the state a file is in after this event
   */
  public FileState state() {
    return FileState.valueOf(name());
  }

  /** Stores {@link FileEvent} as its {@linkplain StoredAsText#value() text value}. */
  public static final class Converter extends TextEnumConverter<FileEvent> {
    /** Used by Hibernate. */
    public Converter() {
      super(FileEvent.class);
    }
  }
}
