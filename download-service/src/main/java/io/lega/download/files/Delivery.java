package io.lega.download.files;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.PlaintextSelection;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.TruncatedException;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.stream.RandomAccessDecryptor;
import io.lega.crypt4gh.stream.Rearrangement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one download sends: a new header for the researcher's key, then pieces of the archived body
 * exactly as stored. For the whole file, the body; for plaintext ranges, only the runs of segments
 * that hold them (crypt4gh's {@link RandomAccessDecryptor#segmentRuns}), with an edit list in the
 * header ({@link Rearrangement#editListFor}) so that the researcher decrypts exactly the requested
 * bytes, in ascending order, each once.
 *
 * @param header the header, sealed for the researcher (by a key made for this download)
 * @param pieces byte ranges {@code [start, end)} of the archived body, in order
 */
public record Delivery(byte[] header, List<ByteRange> pieces) {

  /** Copies the list. */
  public Delivery {
    pieces = List.copyOf(pieces);
  }

  /**
   * @param archived the archived header, opened with the archive key
   * @param bodySize the archived body's size in bytes
   * @param ranges plaintext ranges (from {@link RangeHeader}); empty for the whole file
   * @param researcher the key the header is sealed for
   */
  public static Delivery of(
      DecryptedHeader archived,
      long bodySize,
      List<ByteRange> ranges,
      Crypt4ghPublicKey researcher) {
    Crypt4ghPrivateKey writer = Crypt4ghPrivateKey.generate();
    if (ranges.isEmpty()) {
      return new Delivery(
          archived.sealFor(List.of(researcher), writer).encode(),
          List.of(new ByteRange(0, bodySize)));
    }
    PlaintextSelection selection = PlaintextSelection.of(archived.editList()).restrict(ranges);
    List<long[]> runs = RandomAccessDecryptor.segmentRuns(selection, bodySize);
    DataEditList editList = Rearrangement.editListFor(selection, runs);
    List<ByteRange> pieces = new ArrayList<>();
    for (long[] run : runs) {
      pieces.add(
          new ByteRange(
              Segments.cipherOffset(run[0]),
              Math.min(bodySize, Segments.cipherOffset(run[1] + 1))));
    }
    byte[] header =
        archived.withEditList(Optional.of(editList)).sealFor(List.of(researcher), writer).encode();
    return new Delivery(header, pieces);
  }

  /**
   * The plaintext length a reader of the archived file sees (through its edit list, if any): what
   * ranges address.
   */
  public static long plaintextSize(DecryptedHeader archived, long bodySize)
      throws TruncatedException {
    long raw = Segments.plaintextLength(bodySize);
    long size = 0;
    for (ByteRange interval : PlaintextSelection.of(archived.editList()).intervals()) {
      size += Math.max(0, Math.min(interval.end(), raw) - Math.min(interval.start(), raw));
    }
    return size;
  }

  /** Bytes of the response: the header and every piece. */
  public long contentLength() {
    return header.length + bodyLength();
  }

  /** Bytes of the body pieces. */
  public long bodyLength() {
    return pieces.stream().mapToLong(ByteRange::length).sum();
  }
}
