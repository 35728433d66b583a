package io.lega.node.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Time values as native statements bind them. */
final class Times {

  private Times() {}

  /** An instant as a UTC {@link OffsetDateTime} (a {@code TIMESTAMPTZ} parameter), or null. */
  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
