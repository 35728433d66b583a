package io.lega.download.files;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.download.http.ProblemException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A {@code Range: bytes=...} header (RFC 9110 §14.1.2) read against a length: {@code a-b} (both
 * included), {@code a-} (to the end) and {@code -n} (the last n bytes), several separated by
 * commas. The result is in the service's terms: {@link ByteRange}s with the end excluded, clamped
 * to the length, in the order given.
 */
public final class RangeHeader {

  private static final String UNIT = "bytes=";

  private RangeHeader() {}

  /**
   * @param header the header's value; null or blank for none
   * @param length the length of what the ranges address
   * @param maxRanges most ranges accepted
   * @return the ranges, empty for no header
   * @throws ProblemException 400 for a malformed header or too many ranges, 416 for a range
   *     starting at or after {@code length} (or a suffix of 0 bytes)
   */
  public static List<ByteRange> parse(String header, long length, int maxRanges) {
    if (header == null || header.isBlank()) {
      return List.of();
    }
    String text = header.strip();
    if (!text.regionMatches(true, 0, UNIT, 0, UNIT.length())) {
      throw malformed("only byte ranges are served (Range: bytes=START-END)");
    }
    String[] specs = text.substring(UNIT.length()).split(",", -1);
    if (specs.length > maxRanges) {
      throw malformed("at most " + maxRanges + " ranges in one request");
    }
    List<ByteRange> ranges = new ArrayList<>();
    for (String spec : specs) {
      ranges.add(one(spec.strip(), length));
    }
    return List.copyOf(ranges);
  }

  private static ByteRange one(String spec, long length) {
    int dash = spec.indexOf('-');
    if (dash < 0 || spec.indexOf('-', dash + 1) >= 0) {
      throw malformed("a range is START-END, START- or -SUFFIX; got \"" + shortened(spec) + "\"");
    }
    String first = spec.substring(0, dash).strip();
    String last = spec.substring(dash + 1).strip();
    if (first.isEmpty() && last.isEmpty()) {
      throw malformed("a range names a start, an end or both");
    }
    long start;
    long endExcluded;
    if (first.isEmpty()) {
      long suffix = number(last);
      if (suffix == 0) {
        throw ProblemException.rangeNotSatisfiable(length);
      }
      start = Math.max(0, length - suffix);
      endExcluded = length;
    } else {
      start = number(first);
      long end = last.isEmpty() ? Long.MAX_VALUE - 1 : number(last);
      if (end < start) {
        throw malformed("a range's end comes before its start: \"" + shortened(spec) + "\"");
      }
      endExcluded = Math.min(length, end + 1);
    }
    if (start >= length) {
      throw ProblemException.rangeNotSatisfiable(length);
    }
    return new ByteRange(start, endExcluded);
  }

  private static long number(String digits) {
    if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(Character::isDigit)) {
      throw malformed(
          "range positions are whole numbers of bytes; got \"" + shortened(digits) + "\"");
    }
    return Long.parseLong(digits);
  }

  /** The ranges as audited: {@code 0-65536,131072-200000} (end excluded). */
  public static String audited(List<ByteRange> ranges) {
    return ranges.stream().map(ByteRange::toString).collect(Collectors.joining(","));
  }

  private static String shortened(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }

  private static ProblemException malformed(String detail) {
    return ProblemException.badRequest("Range: " + detail);
  }
}
