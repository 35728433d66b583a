package io.lega.platform.storage;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;

/**
 * Large sequential file reads and writes that bypass the page cache (Linux {@code O_DIRECT}). An
 * archived body is written once and read once soon after (by verify), then rarely: copying it
 * through the page cache costs a kernel copy and, on a virtual machine, the first touch of fresh
 * memory for every page (measured here: 1 GiB written in 1.7 s of kernel time through the cache,
 * 0.3 s direct). Buffers are aligned to {@value #ALIGNMENT} bytes; the unaligned tail of a write
 * goes through an ordinary descriptor. A file system that refuses direct I/O (tmpfs, some network
 * file systems) gets ordinary I/O: the callers fall back when {@link #openForWrite} or {@link
 * #openForRead} answer {@code null}.
 */
final class DirectFiles {
  /** Offsets, lengths and buffer addresses of direct I/O are multiples of this. */
  static final int ALIGNMENT = 4096;

  /** Bytes moved per system call. */
  static final int BUFFER_SIZE = 1 << 20;

  private DirectFiles() {}

  /** A new file opened for direct writes, or {@code null} if the file system refuses them. */
  static FileChannel openForWrite(Path file) throws IOException {
    return open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /**
   * Writes {@code first} (already read from the source, {@code length} bytes) and then the rest of
   * {@code source} to {@code out}, opened by {@link #openForWrite} on {@code file}; the unaligned
   * tail is appended through an ordinary descriptor, whose force puts everything on disk. Closes
   * {@code out}.
   */
  static void write(FileChannel out, Path file, byte[] first, int length, InputStream source)
      throws IOException {
    ByteBuffer aligned = ByteBuffer.allocateDirect(BUFFER_SIZE + ALIGNMENT).alignedSlice(ALIGNMENT);
    byte[] heap = first;
    int filled = length;
    long written = 0;
    try (out) {
      while (filled == BUFFER_SIZE) {
        aligned.clear().put(heap, 0, filled).flip();
        written += writeFully(out, aligned);
        filled = source.readNBytes(heap, 0, BUFFER_SIZE);
      }
      int alignedPart = filled - filled % ALIGNMENT;
      aligned.clear().put(heap, 0, alignedPart).flip();
      written += writeFully(out, aligned);
    }
    try (FileChannel tail = FileChannel.open(file, StandardOpenOption.WRITE)) {
      int tailLength = filled % ALIGNMENT;
      ByteBuffer rest = ByteBuffer.wrap(heap, filled - tailLength, tailLength);
      tail.position(written);
      writeFully(tail, rest);
      tail.force(true);
    }
  }

  /** The file opened for direct reads, or {@code null} if the file system refuses them. */
  static FileChannel openForRead(Path file) throws IOException {
    return open(file, StandardOpenOption.READ);
  }

  private static FileChannel open(Path file, OpenOption... options) throws IOException {
    OpenOption[] direct = Arrays.copyOf(options, options.length + 1);
    direct[options.length] = ExtendedOpenOption.DIRECT;
    try {
      return FileChannel.open(file, direct);
    } catch (UnsupportedOperationException e) {
      return null;
    } catch (IOException e) {
      if (isRefusal(e)) {
        return null;
      }
      throw e;
    }
  }

  /** The whole file from its start, read directly through an aligned buffer. Closes the channel. */
  static InputStream reader(FileChannel channel) {
    return new DirectReader(channel);
  }

  private static int writeFully(FileChannel out, ByteBuffer buffer) throws IOException {
    int n = buffer.remaining();
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
    return n;
  }

  /** {@code EINVAL} at open: the file system does not do direct I/O. */
  private static boolean isRefusal(IOException e) {
    return String.valueOf(e.getMessage()).contains("Invalid argument");
  }

  private static final class DirectReader extends InputStream {
    private final FileChannel channel;
    private final ByteBuffer buffer =
        ByteBuffer.allocateDirect(BUFFER_SIZE + ALIGNMENT).alignedSlice(ALIGNMENT);
    private boolean end;

    DirectReader(FileChannel channel) {
      this.channel = channel;
      buffer.limit(0);
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, target.length);
      if (length == 0) {
        return 0;
      }
      if (!buffer.hasRemaining() && !fill()) {
        return -1;
      }
      int n = Math.min(length, buffer.remaining());
      buffer.get(target, offset, n);
      return n;
    }

    /** Reads the next aligned block run; the file's last read returns short, then nothing. */
    private boolean fill() throws IOException {
      if (end) {
        return false;
      }
      buffer.clear();
      while (buffer.hasRemaining()) {
        if (channel.read(buffer) < 0) {
          end = true;
          break;
        }
        if (buffer.position() % ALIGNMENT != 0) {
          end = true; // a short read ends at the end of the file
          break;
        }
      }
      buffer.flip();
      return buffer.hasRemaining();
    }

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }
}
