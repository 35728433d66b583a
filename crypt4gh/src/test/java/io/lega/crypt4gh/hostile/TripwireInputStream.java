package io.lega.crypt4gh.hostile;

import java.io.InputStream;
import java.util.Random;

/**
 * An input of {@code prefix} followed by pseudo-random filler up to {@code length} bytes (or
 * without end), that refuses to hand out any byte at or after {@code limit}: reading there throws
 * {@link ReadPastLimit}. It proves that a parser gave up before it consumed the rest of a hostile
 * input.
 */
final class TripwireInputStream extends InputStream {
  static final long ENDLESS = Long.MAX_VALUE;

  /** Thrown when the code under test reads past the limit. Unchecked, so nothing wraps it. */
  static final class ReadPastLimit extends RuntimeException {
    ReadPastLimit(long limit) {
      super("read past byte " + limit + " of the input");
    }
  }

  private final byte[] prefix;
  private final long length;
  private final long limit;
  private final Random filler = new Random(42);
  private long position;

  TripwireInputStream(byte[] prefix, long length, long limit) {
    this.prefix = prefix;
    this.length = length;
    this.limit = limit;
  }

  /** {@code bytes} and nothing after them, readable up to {@code limit}. */
  static TripwireInputStream of(byte[] bytes, long limit) {
    return new TripwireInputStream(bytes, bytes.length, limit);
  }

  /** {@code bytes} followed by endless filler, readable up to {@code limit}. */
  static TripwireInputStream endless(byte[] bytes, long limit) {
    return new TripwireInputStream(bytes, ENDLESS, limit);
  }

  /** Bytes handed out so far. */
  long consumed() {
    return position;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (position >= length) {
      return -1;
    }
    if (position >= limit) {
      throw new ReadPastLimit(limit);
    }
    int n = (int) Math.min(len, Math.min(limit - position, length - position));
    for (int i = 0; i < n; i++, position++) {
      b[off + i] = position < prefix.length ? prefix[(int) position] : (byte) filler.nextInt();
    }
    return n;
  }

  @Override
  public long skip(long n) {
    throw new UnsupportedOperationException("skipping would hide how much was read");
  }

  @Override
  public int available() {
    return 0;
  }
}
