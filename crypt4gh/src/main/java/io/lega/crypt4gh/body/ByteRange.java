package io.lega.crypt4gh.body;

/**
 * A range of plaintext bytes {@code [start, end)}: the end is excluded, as in the specification.
 * {@link #UNBOUNDED} as the end means "to the end of the file".
 */
public record ByteRange(long start, long end) {
  public static final long UNBOUNDED = Long.MAX_VALUE;

  public ByteRange {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException(
          "a byte range needs 0 <= start <= end; got "
              + start
              + "-"
              + (end == UNBOUNDED ? "" : end));
    }
  }

  /** Every byte from {@code start} on. */
  public static ByteRange from(long start) {
    return new ByteRange(start, UNBOUNDED);
  }

  /** The whole file. */
  public static ByteRange all() {
    return from(0);
  }

  public boolean bounded() {
    return end != UNBOUNDED;
  }

  public long length() {
    return end - start;
  }

  /**
   * Parses {@code START-END} (end excluded), {@code START-} (to the end) or {@code -END} (from the
   * start).
   */
  public static ByteRange parse(String text) {
    int dash = text.indexOf('-');
    if (dash < 0 || text.indexOf('-', dash + 1) >= 0) {
      throw new IllegalArgumentException(
          "a range is START-END (END excluded); got \"" + text + "\"");
    }
    try {
      String startText = text.substring(0, dash).trim();
      String endText = text.substring(dash + 1).trim();
      long start = startText.isEmpty() ? 0 : Long.parseLong(startText);
      long end = endText.isEmpty() ? UNBOUNDED : Long.parseLong(endText);
      return new ByteRange(start, end);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "a range is START-END with whole numbers; got \"" + text + "\"");
    }
  }

  @Override
  public String toString() {
    return start + "-" + (bounded() ? Long.toString(end) : "");
  }
}
