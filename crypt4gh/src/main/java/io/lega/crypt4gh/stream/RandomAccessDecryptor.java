package io.lega.crypt4gh.stream;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.PlaintextSelection;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.header.DecryptedHeader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decrypts any plaintext range of a seekable body, reading only the encrypted segments that hold
 * it: one ranged read per run of consecutive segments.
 */
public final class RandomAccessDecryptor {
  private final CiphertextSource body;
  private final DecryptedHeader header;

  public RandomAccessDecryptor(CiphertextSource body, DecryptedHeader header) {
    this.body = body;
    this.header = header;
  }

  /**
   * Length of the plaintext a reader sees: the decrypted body, through the edit list if the header
   * has one.
   */
  public long plaintextSize() throws IOException {
    long raw = Segments.plaintextLength(body.size());
    long size = 0;
    for (ByteRange interval : PlaintextSelection.of(header.editList()).intervals()) {
      size += Math.max(0, Math.min(interval.end(), raw) - Math.min(interval.start(), raw));
    }
    return size;
  }

  /** Streams the plaintext {@code range} (after the edit list). */
  public InputStream open(ByteRange range) throws IOException {
    PlaintextSelection selection = PlaintextSelection.of(header.editList()).restrict(range);
    long bodySize = body.size();
    return new RunsInputStream(segmentRuns(selection, bodySize).iterator(), selection, bodySize);
  }

  /**
   * Runs of consecutive segment indices {@code [first, last]} (both included) that hold selected
   * bytes, in order, in a body of {@code bodySize} encrypted bytes: what a ranged reader reads (one
   * ranged read per run), and what {@link Rearrangement#editListFor} writes an edit list over.
   */
  public static List<long[]> segmentRuns(PlaintextSelection selection, long bodySize) {
    long lastSegment = (bodySize + Segments.CIPHER_SIZE - 1) / Segments.CIPHER_SIZE - 1;
    List<long[]> runs = new ArrayList<>();
    for (ByteRange interval : selection.intervals()) {
      long first = Segments.indexOf(interval.start());
      long last =
          interval.end() == ByteRange.UNBOUNDED
              ? lastSegment
              : Segments.indexOf(interval.end() - 1);
      last = Math.min(last, lastSegment);
      if (first > last) {
        continue;
      }
      long[] previous = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (previous != null && first <= previous[1] + 1) {
        previous[1] = Math.max(previous[1], last);
      } else {
        runs.add(new long[] {first, last});
      }
    }
    return runs;
  }

  /** Decrypts the runs one after the other, opening each ranged read only when it is reached. */
  private final class RunsInputStream extends InputStream {
    private final Iterator<long[]> runs;
    private final PlaintextSelection selection;
    private final long bodySize;
    private InputStream current;

    RunsInputStream(Iterator<long[]> runs, PlaintextSelection selection, long bodySize) {
      this.runs = runs;
      this.selection = selection;
      this.bodySize = bodySize;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      while (true) {
        if (current == null) {
          if (!runs.hasNext()) {
            return -1;
          }
          long[] run = runs.next();
          long start = Segments.cipherOffset(run[0]);
          long end = Math.min(bodySize, Segments.cipherOffset(run[1] + 1));
          current =
              Crypt4ghInputStream.ofSegments(body.open(start, end), header, run[0], selection);
        }
        int n = current.read(out, offset, length);
        if (n >= 0) {
          return n;
        }
        current.close();
        current = null;
      }
    }

    @Override
    public void close() throws IOException {
      if (current != null) {
        current.close();
      }
    }
  }
}
