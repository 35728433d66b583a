package io.lega.crypt4gh.body;

import io.lega.crypt4gh.header.DataEditList;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which bytes of the body's decrypted plaintext a reader sees, as ordered, disjoint intervals of
 * plaintext positions. It is the edit list of the header (if any), then the byte range asked for,
 * applied to what the edit list keeps.
 */
public final class PlaintextSelection {
  private final List<ByteRange> intervals;

  private PlaintextSelection(List<ByteRange> intervals) {
    this.intervals = List.copyOf(intervals);
  }

  /** Everything. */
  public static PlaintextSelection all() {
    return new PlaintextSelection(List.of(ByteRange.all()));
  }

  /** What an edit list keeps: skip, keep, skip, keep, ... (an odd count keeps the rest). */
  public static PlaintextSelection of(Optional<DataEditList> editList) {
    if (editList.isEmpty()) {
      return all();
    }
    DataEditList list = editList.get();
    List<ByteRange> kept = new ArrayList<>();
    long position = 0;
    for (int i = 0; i < list.size(); i += 2) {
      position = add(position, list.length(i));
      if (i + 1 < list.size()) {
        long end = add(position, list.length(i + 1));
        if (end > position) {
          kept.add(new ByteRange(position, end));
        }
        position = end;
      } else {
        kept.add(ByteRange.from(position));
      }
    }
    return new PlaintextSelection(kept);
  }

  /** The part of this selection's output that lies in {@code range} of it. */
  public PlaintextSelection restrict(ByteRange range) {
    List<ByteRange> kept = new ArrayList<>();
    long outputStart = 0;
    for (ByteRange interval : intervals) {
      long outputEnd = add(outputStart, interval.length());
      long from = Math.max(outputStart, range.start());
      long to = Math.min(outputEnd, range.end());
      if (from < to) {
        long start = interval.start() + (from - outputStart);
        long end = to == outputEnd ? interval.end() : interval.start() + (to - outputStart);
        kept.add(new ByteRange(start, end));
      }
      outputStart = outputEnd;
      if (outputStart >= range.end()) {
        break;
      }
    }
    return new PlaintextSelection(kept);
  }

  /**
   * The part of this selection's output that lies in any of {@code ranges} (in any order, possibly
   * overlapping): the union, in ascending order, each selected byte once.
   */
  public PlaintextSelection restrict(List<ByteRange> ranges) {
    List<ByteRange> all = new ArrayList<>();
    for (ByteRange range : ranges) {
      all.addAll(restrict(range).intervals);
    }
    all.sort((a, b) -> Long.compare(a.start(), b.start()));
    List<ByteRange> merged = new ArrayList<>();
    for (ByteRange interval : all) {
      ByteRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
      if (last != null && interval.start() <= last.end()) {
        merged.set(
            merged.size() - 1, new ByteRange(last.start(), Math.max(last.end(), interval.end())));
      } else {
        merged.add(interval);
      }
    }
    return new PlaintextSelection(merged);
  }

  public List<ByteRange> intervals() {
    return intervals;
  }

  public boolean isEmpty() {
    return intervals.isEmpty();
  }

  /** The first plaintext position after the selection ({@link ByteRange#UNBOUNDED} if open). */
  public long end() {
    return intervals.isEmpty() ? 0 : intervals.get(intervals.size() - 1).end();
  }

  /** Whether any selected byte falls in {@code [start, end)}. */
  public boolean intersects(long start, long end) {
    for (ByteRange interval : intervals) {
      if (interval.start() < end && start < interval.end()) {
        return true;
      }
    }
    return false;
  }

  private static long add(long a, long b) {
    long sum = a + b;
    return sum < 0 || sum == Long.MAX_VALUE ? ByteRange.UNBOUNDED : sum;
  }

  @Override
  public String toString() {
    return "PlaintextSelection" + intervals;
  }
}
