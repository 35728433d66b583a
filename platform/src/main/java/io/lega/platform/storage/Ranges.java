package io.lega.platform.storage;

/** Argument checks for ranged reads, shared by the backends. */
final class Ranges {
  private Ranges() {}

  /** Throws unless {@code 0 <= start <= endExclusive}. */
  static void check(long start, long endExclusive) {
    if (start < 0) {
      throw new IllegalArgumentException("range start must not be negative: " + start);
    }
    if (endExclusive < start) {
      throw new IllegalArgumentException(
          "range end " + endExclusive + " is before its start " + start);
    }
  }
}
