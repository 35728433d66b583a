package io.lega.crypt4gh.stream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;

/**
 * A seekable encrypted body: something that can stream any byte range of it, such as a file or an
 * object store answering ranged GETs. Offsets count from the first byte of the body.
 */
public interface CiphertextSource {
  /** Length of the encrypted body in bytes. */
  long size() throws IOException;

  /** Streams the body's bytes {@code [start, end)}. */
  InputStream open(long start, long end) throws IOException;

  /** The body of a file whose header ends at {@code bodyOffset}. The channel is not closed. */
  static CiphertextSource of(FileChannel channel, long bodyOffset) {
    return new CiphertextSource() {
      @Override
      public long size() throws IOException {
        return channel.size() - bodyOffset;
      }

      @Override
      public InputStream open(long start, long end) throws IOException {
        return new BoundedChannelInputStream(channel, bodyOffset + start, bodyOffset + end);
      }
    };
  }

  /** Reads {@code [position, end)} of a file channel with positional reads. */
  final class BoundedChannelInputStream extends InputStream {
    private final FileChannel channel;
    private final long end;
    private long position;

    BoundedChannelInputStream(FileChannel channel, long position, long end) {
      this.channel = channel;
      this.position = position;
      this.end = end;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      if (position >= end) {
        return -1;
      }
      int n = (int) Math.min(length, end - position);
      int got = channel.read(java.nio.ByteBuffer.wrap(bytes, offset, n), position);
      if (got > 0) {
        position += got;
      }
      return got;
    }
  }
}
