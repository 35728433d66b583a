package io.lega.download.files;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.platform.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads what a download sends, one chunk at a time: a prefix (the new header), then each source in
 * turn (a piece of the archived object by a ranged read), opened only when reached. One chunk in
 * memory at a time; {@link #close()} (from any thread, e.g. when the client went away) releases the
 * open read.
 */
final class PieceReader implements AutoCloseable {

  /** Opens one part of what is sent. */
  @FunctionalInterface
  interface Source {
    InputStream open() throws IOException;

    /** Bytes {@code [start, end)} of an object, failing if the object is shorter. */
    static Source of(Storage storage, String name, ByteRange piece) {
      return () -> new ExactLength(storage.read(name, piece.start(), piece.end()), piece.length());
    }
  }

  private static final byte[] END = new byte[0];

  private final Iterator<Source> pieces;
  private final int chunkSize;
  private final AtomicLong sent = new AtomicLong();
  private byte[] prefix;
  private InputStream current;
  private volatile boolean closed;

  /**
   * @param prefix bytes sent first (may be empty)
   * @param pieces what follows, in order
   * @param chunkSize the most bytes read at a time
   */
  PieceReader(byte[] prefix, List<Source> pieces, int chunkSize) {
    this.prefix = prefix;
    this.pieces = pieces.iterator();
    this.chunkSize = chunkSize;
  }

  /**
   * The next chunk; an empty array at the end.
   *
   * @throws IOException if the storage fails, or the object is shorter than expected
   */
  synchronized byte[] next() throws IOException {
    if (closed) {
      throw new IOException("the download was closed");
    }
    if (prefix != null) {
      byte[] first = prefix;
      prefix = null;
      if (first.length > 0) {
        sent.addAndGet(first.length);
        return first;
      }
    }
    while (true) {
      if (current == null) {
        if (!pieces.hasNext()) {
          return END;
        }
        current = pieces.next().open();
      }
      // one array per chunk, filled in place (readNBytes(int) would gather pieces and copy them)
      byte[] chunk = new byte[chunkSize];
      int n = current.readNBytes(chunk, 0, chunkSize);
      if (n > 0) {
        sent.addAndGet(n);
        return n == chunkSize ? chunk : Arrays.copyOf(chunk, n);
      }
      current.close();
      current = null;
    }
  }

  /** Bytes handed out so far. */
  long sent() {
    return sent.get();
  }

  @Override
  public void close() {
    closed = true;
    InputStream open = current;
    if (open != null) {
      try {
        open.close();
      } catch (IOException | RuntimeException e) {
        // closing after a failure or a disconnect: nothing more to do
      }
    }
  }

  /** A stream that fails if it ends before {@code length} bytes (a truncated archive object). */
  private static final class ExactLength extends InputStream {
    private final InputStream in;
    private long left;

    ExactLength(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new IOException("the archived object ended " + left + " bytes early");
      }
      left -= n;
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
