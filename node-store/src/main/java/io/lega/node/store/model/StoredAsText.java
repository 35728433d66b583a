package io.lega.node.store.model;

import java.util.Locale;

/**
 * An enum kept in a {@code TEXT} column as the lower-case name of its constant: the spelling the
 * schema's {@code CHECK} constraints use ({@code FileState.READY} is stored as {@code ready}).
 */
public interface StoredAsText {

  /**
   * @return the text stored in the database for this constant
   */
  default String value() {
    return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
  }
}
