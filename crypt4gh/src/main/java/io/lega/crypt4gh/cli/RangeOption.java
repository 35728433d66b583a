package io.lega.crypt4gh.cli;

import io.lega.crypt4gh.body.ByteRange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** The {@code --range} option: {@code START-END} (END excluded) or {@code START}. */
final class RangeOption {
  private RangeOption() {}

  static ByteRange parse(String text) {
    try {
      return text.contains("-")
          ? ByteRange.parse(text)
          : ByteRange.from(Long.parseLong(text.trim()));
    } catch (IllegalArgumentException e) {
      throw new CliError(
          "invalid --range \"" + text + "\": use START-END (END excluded) or START", 2);
    }
  }

  /** The part of {@code in} that {@code range} selects: skips its start, stops at its end. */
  static ReadableByteChannel limit(ReadableByteChannel in, ByteRange range) throws IOException {
    if (range.equals(ByteRange.all())) {
      return in;
    }
    skip(in, range.start());
    return new ReadableByteChannel() {
      private long remaining = range.length();

      @Override
      public int read(ByteBuffer target) throws IOException {
        if (remaining <= 0) {
          return -1;
        }
        int limit = target.limit();
        if (target.remaining() > remaining) {
          target.limit(target.position() + (int) remaining);
        }
        try {
          int n = in.read(target);
          if (n > 0) {
            remaining -= n;
          }
          return n;
        } finally {
          target.limit(limit);
        }
      }

      @Override
      public boolean isOpen() {
        return in.isOpen();
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  private static void skip(ReadableByteChannel in, long count) throws IOException {
    ByteBuffer sink = ByteBuffer.allocate(1 << 16);
    while (count > 0) {
      sink.clear();
      if (count < sink.capacity()) {
        sink.limit((int) count);
      }
      int n = in.read(sink);
      if (n < 0) {
        return;
      }
      count -= n;
    }
  }
}
