package io.lega.crypt4gh.stream;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.PlaintextSelection;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Slices a Crypt4GH file to a plaintext range without re-encrypting its body: the output keeps only
 * the encrypted segments that hold the range, unchanged, behind a new header whose edit list
 * selects the range inside them.
 */
public final class Rearrangement {
  private Rearrangement() {}

  /**
   * Reads a whole file from {@code in} and writes the slice holding plaintext {@code range} (after
   * any existing edit list) to {@code out}, readable by {@code recipients}.
   */
  public static void rearrange(
      InputStream in,
      OutputStream out,
      Crypt4ghPrivateKey reader,
      ByteRange range,
      List<Crypt4ghPublicKey> recipients)
      throws IOException {
    DecryptedHeader header = DecryptedHeader.open(Header.read(in), reader, Optional.empty());
    PlaintextSelection selection = PlaintextSelection.of(header.editList()).restrict(range);
    List<long[]> runs =
        RandomAccessDecryptor.segmentRuns(selection, Long.MAX_VALUE - Segments.CIPHER_SIZE);
    DataEditList editList = editListFor(selection, runs);
    header.withEditList(Optional.of(editList)).sealFor(recipients, reader).writeTo(out);
    copySegments(in, out, runs);
    out.flush();
  }

  /**
   * The edit list that selects {@code selection} in the body made of the segments of {@code runs}
   * (from {@link RandomAccessDecryptor#segmentRuns}), one after the other: with it, a reader of
   * that shortened body decrypts exactly the selected bytes.
   */
  public static DataEditList editListFor(PlaintextSelection selection, List<long[]> runs) {
    List<Long> lengths = new ArrayList<>();
    long previousEnd = 0;
    // Plaintext positions from here on lie past every segment a file can hold: runs stop there.
    long limit = runs.isEmpty() ? 0 : (runs.get(runs.size() - 1)[1] + 1) * Segments.PLAIN_SIZE;
    for (ByteRange interval : selection.intervals()) {
      if (interval.start() >= limit) {
        break;
      }
      long start = newPosition(interval.start(), runs);
      lengths.add(start - previousEnd);
      if (interval.end() == ByteRange.UNBOUNDED || interval.end() > limit) {
        return DataEditList.of(lengths.stream().mapToLong(Long::longValue).toArray());
      }
      long end = newPosition(interval.end() - 1, runs) + 1;
      lengths.add(end - start);
      previousEnd = end;
    }
    return DataEditList.of(lengths.stream().mapToLong(Long::longValue).toArray());
  }

  /** Where plaintext position {@code position} lands once only the segments of runs remain. */
  private static long newPosition(long position, List<long[]> runs) {
    long segment = Segments.indexOf(position);
    long keptBefore = 0;
    for (long[] run : runs) {
      if (segment >= run[0] && segment <= run[1]) {
        return (keptBefore + segment - run[0]) * Segments.PLAIN_SIZE
            + position % Segments.PLAIN_SIZE;
      }
      keptBefore += run[1] - run[0] + 1;
    }
    throw new IllegalStateException("position " + position + " is outside the kept segments");
  }

  private static void copySegments(InputStream in, OutputStream out, List<long[]> runs)
      throws IOException {
    byte[] segment = new byte[Segments.CIPHER_SIZE];
    long index = 0;
    for (long[] run : runs) {
      for (; index <= run[1]; index++) {
        int n = in.readNBytes(segment, 0, Segments.CIPHER_SIZE);
        if (n == 0) {
          return;
        }
        if (index >= run[0]) {
          out.write(segment, 0, n);
        }
        if (n < Segments.CIPHER_SIZE) {
          return;
        }
      }
    }
  }
}
