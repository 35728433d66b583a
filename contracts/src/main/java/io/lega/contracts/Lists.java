package io.lega.contracts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Copies for the records' list components. */
final class Lists {

  private Lists() {}

  /** An unmodifiable copy of an optional list: absent (null) becomes empty. */
  static <T> List<T> optional(List<T> list) {
    return list == null ? List.of() : copy(list);
  }

  /**
   * An unmodifiable copy of a required list: absent stays null, so that {@link MessageCodec#encode}
   * reports it missing. Null elements are kept, for the same reason.
   */
  static <T> List<T> required(List<T> list) {
    return list == null ? null : copy(list);
  }

  private static <T> List<T> copy(List<T> list) {
    return Collections.unmodifiableList(new ArrayList<>(list));
  }
}
