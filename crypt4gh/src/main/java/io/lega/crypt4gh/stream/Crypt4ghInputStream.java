package io.lega.crypt4gh.stream;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.PlaintextSelection;
import io.lega.crypt4gh.body.SegmentDecryptor;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.Crypt4ghException;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * An {@link InputStream} of decrypted plaintext, in constant memory: it reads one encrypted segment
 * at a time, authenticates and decrypts it, and returns the bytes the edit list and the requested
 * range select. Segments that hold no selected byte are not decrypted, and reading stops after the
 * last selected byte. A damaged segment fails the read that reaches it with a typed {@link
 * io.lega.crypt4gh.error.Crypt4ghException}.
 */
public final class Crypt4ghInputStream extends InputStream {
  private final InputStream body;
  private final DecryptedHeader header;
  private final SegmentDecryptor decryptor;
  private final PlaintextSelection selection;
  private final byte[] cipher = new byte[Segments.CIPHER_SIZE];
  private final byte[] plain = new byte[Segments.PLAIN_SIZE];

  private long segmentIndex;
  private int plainPosition;
  private int plainLimit;
  private boolean finished;

  /** The error that ended this stream: every later read throws it again. */
  private Crypt4ghException failure;

  private Crypt4ghInputStream(
      InputStream body, DecryptedHeader header, long firstSegment, PlaintextSelection selection) {
    this.body = body;
    this.header = header;
    this.decryptor = new SegmentDecryptor(header.dataKeys());
    this.selection = selection;
    this.segmentIndex = firstSegment;
  }

  /** Reads the header of a whole Crypt4GH file and decrypts its body for {@code reader}. */
  public static Crypt4ghInputStream open(InputStream file, Crypt4ghPrivateKey reader)
      throws IOException {
    return open(file, reader, Optional.empty(), ByteRange.all());
  }

  /**
   * Reads the header of a whole Crypt4GH file and decrypts the plaintext {@code range} (after the
   * edit list) for {@code reader}, optionally checking that {@code sender} wrote it.
   */
  public static Crypt4ghInputStream open(
      InputStream file,
      Crypt4ghPrivateKey reader,
      Optional<Crypt4ghPublicKey> sender,
      ByteRange range)
      throws IOException {
    DecryptedHeader header = DecryptedHeader.open(Header.read(file), reader, sender);
    return ofBody(file, header, range);
  }

  /** Decrypts a body whose header is held elsewhere (as the archive keeps them). */
  public static Crypt4ghInputStream ofBody(
      InputStream body, DecryptedHeader header, ByteRange range) {
    return new Crypt4ghInputStream(
        body, header, 0, PlaintextSelection.of(header.editList()).restrict(range));
  }

  /**
   * Decrypts part of a body that starts at segment {@code firstSegment}, emitting the plaintext
   * positions of {@code selection} (positions count from the start of the whole body).
   */
  static Crypt4ghInputStream ofSegments(
      InputStream body, DecryptedHeader header, long firstSegment, PlaintextSelection selection) {
    return new Crypt4ghInputStream(body, header, firstSegment, selection);
  }

  /** What the header told this reader. */
  public DecryptedHeader header() {
    return header;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] out, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (failure != null) {
      throw failure;
    }
    while (plainPosition == plainLimit) {
      if (finished || !nextSegmentOrFail()) {
        finished = true;
        return -1;
      }
    }
    int n = Math.min(length, plainLimit - plainPosition);
    System.arraycopy(plain, plainPosition, out, offset, n);
    plainPosition += n;
    return n;
  }

  /** As {@link #nextSegment()}, remembering a failure so that the stream cannot skip past it. */
  private boolean nextSegmentOrFail() throws IOException {
    try {
      return nextSegment();
    } catch (Crypt4ghException e) {
      failure = e;
      throw e;
    }
  }

  /**
   * Reads the next segment and sets up the selected bytes it holds. Returns false at the end of the
   * selection or of the body.
   */
  private boolean nextSegment() throws IOException {
    long segmentStart = segmentIndex * Segments.PLAIN_SIZE;
    if (segmentStart >= selection.end()) {
      return false;
    }
    int length = body.readNBytes(cipher, 0, Segments.CIPHER_SIZE);
    if (length == 0) {
      return false;
    }
    long index = segmentIndex++;
    plainPosition = 0;
    plainLimit = 0;
    if (!selection.intersects(segmentStart, segmentStart + Segments.PLAIN_SIZE)) {
      return true;
    }
    int plainLength = decryptor.decrypt(cipher, 0, length, plain, 0, index);
    long segmentEnd = segmentStart + plainLength;
    // Selected intervals are disjoint and ordered; compact the selected bytes to the front.
    for (ByteRange interval : selection.intervals()) {
      long from = Math.max(interval.start(), segmentStart);
      long to = Math.min(interval.end(), segmentEnd);
      if (from < to) {
        int n = (int) (to - from);
        System.arraycopy(plain, (int) (from - segmentStart), plain, plainLimit, n);
        plainLimit += n;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
