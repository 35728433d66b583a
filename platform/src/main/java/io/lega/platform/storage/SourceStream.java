package io.lega.platform.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * Wraps the caller's source during a write: counts the bytes it yields, remembers the first
 * exception it throws (so a write can rethrow the caller's own exception rather than the backend's
 * wrapping of it), and never closes it. No mark/reset.
 */
final class SourceStream extends InputStream {
  private final InputStream in;
  private long count;
  private Exception failure;

  SourceStream(InputStream source) {
    this.in = source;
  }

  @Override
  public int read() throws IOException {
    try {
      int b = in.read();
      if (b >= 0) {
        count++;
      }
      return b;
    } catch (IOException | RuntimeException e) {
      remember(e);
      throw e;
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count += n;
      }
      return n;
    } catch (IOException | RuntimeException e) {
      remember(e);
      throw e;
    }
  }

  /** Skipping would lose data: read instead. */
  @Override
  public long skip(long n) {
    return 0;
  }

  /** The caller owns the source. */
  @Override
  public void close() {}

  /** Bytes read from the source so far. */
  long count() {
    return count;
  }

  /** Rethrows what the source threw, if it threw; returns normally otherwise. */
  void rethrowSourceFailure() throws IOException {
    if (failure instanceof IOException io) {
      throw io;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
  }

  private void remember(Exception e) {
    if (failure == null) {
      failure = e;
    }
  }
}
