package io.lega.download.files;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.platform.storage.Storage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads what a download sends, one chunk at a time into a buffer the caller gives: a prefix (the
 * new header), then each source in turn (a piece of the archived object by a ranged read), opened
 * only when reached. It holds no chunk itself; {@link #close()} (from any thread, e.g. when the
 * client went away) releases the open read at once.
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

  private final Iterator<Source> pieces;
  private final AtomicLong sent = new AtomicLong();
  private byte[] prefix;
  private int prefixSent;
  // written under the lock, read by close() without it (close must not wait for a blocked read)
  private volatile InputStream current;
  private volatile boolean closed;

  /**
   * @param prefix bytes sent first (may be empty)
   * @param pieces what follows, in order
   */
  PieceReader(byte[] prefix, List<Source> pieces) {
    this.prefix = prefix;
    this.pieces = pieces.iterator();
  }

  /**
   * Reads the next chunk into {@code into[offset, offset + length)}, filled as far as the current
   * part allows (a part's last chunk may be short; the prefix is a chunk of its own).
   *
   * @return the bytes placed, at least 1; or -1 at the end
   * @throws IOException if the storage fails, or the object is shorter than expected
   */
  synchronized int read(byte[] into, int offset, int length) throws IOException {
    if (closed) {
      throw new IOException("the download was closed");
    }
    if (prefix != null) {
      int n = Math.min(prefix.length - prefixSent, length);
      if (n > 0) {
        System.arraycopy(prefix, prefixSent, into, offset, n);
        prefixSent += n;
        sent.addAndGet(n);
        return n;
      }
      prefix = null;
    }
    while (true) {
      if (current == null) {
        if (!pieces.hasNext()) {
          return -1;
        }
        current = pieces.next().open();
        if (closed) { // closed while the read was being opened: close() may have missed it
          close();
          throw new IOException("the download was closed");
        }
      }
      // filled in place, straight into the caller's buffer (readNBytes(int) would gather and copy)
      int n = current.readNBytes(into, offset, length);
      if (n > 0) {
        sent.addAndGet(n);
        return n;
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
