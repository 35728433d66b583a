package io.lega.node.store.model;

/** Where a dataset is in its life: {@code datasets.state}. */
public enum DatasetState implements StoredAsText {
  /** Defined by the hub; not downloadable yet. */
  REGISTERED,
  /** Released: researchers with a grant may download its files. */
  RELEASED,
  /** Withdrawn: no longer downloadable; final. */
  DEPRECATED;

  /** Stores {@link DatasetState} as its {@linkplain StoredAsText#value() text value}. */
  public static final class Converter extends TextEnumConverter<DatasetState> {
    /** Used by Hibernate. */
    public Converter() {
      super(DatasetState.class);
    }
  }
}
