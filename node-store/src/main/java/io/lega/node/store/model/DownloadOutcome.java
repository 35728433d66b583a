package io.lega.node.store.model;

/** How a download ended: {@code download_audit.outcome}. */
public enum DownloadOutcome implements StoredAsText {
  /** Still running, or it never reported an end (the process died). */
  STARTED,
  /** Every requested byte was sent. */
  COMPLETED,
  /** It broke off: a storage error, or the client went away. */
  FAILED,
  /** The requester was not allowed to read the file. */
  DENIED;

  /** Stores {@link DownloadOutcome} as its {@linkplain StoredAsText#value() text value}. */
  public static final class Converter extends TextEnumConverter<DownloadOutcome> {
    /** Used by Hibernate. */
    public Converter() {
      super(DownloadOutcome.class);
    }
  }
}
