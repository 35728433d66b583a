package io.lega.node.store.model;

/** What happened to a dataset: {@code dataset_events.event}. */
public enum DatasetEvent implements StoredAsText {
  /** The dataset became known to the node. */
  REGISTERED,
  /** Files were added to it. */
  MAPPED,
  /** It was released. */
  RELEASED,
  /** It was deprecated. */
  DEPRECATED;

  /** Stores {@link DatasetEvent} as its {@linkplain StoredAsText#value() text value}. */
  public static final class Converter extends TextEnumConverter<DatasetEvent> {
    /** Used by Hibernate. */
    public Converter() {
      super(DatasetEvent.class);
    }
  }
}
