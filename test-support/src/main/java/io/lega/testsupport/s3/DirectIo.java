package io.lega.testsupport.s3;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Direct I/O (Linux {@code O_DIRECT}) for the large, aligned transfers of the embedded S3 server:
 * multipart parts written in place and whole objects read back. They bypass the page cache, whose
 * first touch of fresh memory costs more kernel time than the transfer itself on a virtual machine
 * (1 GiB: 1.7 s through the cache, 0.3 s direct). Positions and lengths are multiples of {@value
 * #ALIGNMENT}; a file system that refuses direct I/O gets {@code null} from {@link #open}, and the
 * caller does ordinary I/O.
 */
final class DirectIo {
  static final int ALIGNMENT = 4096;
  private static final int CHUNK = 1 << 20;

  /** Objects smaller than this are read ordinarily: direct I/O pays off for large transfers. */
  static final long MIN_SIZE = CHUNK;

  private DirectIo() {}

  /** The file opened with {@code O_DIRECT} added to {@code options}, or {@code null}. */
  static FileChannel open(Path file, OpenOption... options) throws IOException {
    OpenOption[] direct = Arrays.copyOf(options, options.length + 1);
    direct[options.length] = ExtendedOpenOption.DIRECT;
    try {
      return FileChannel.open(file, direct);
    } catch (UnsupportedOperationException e) {
      return null;
    } catch (IOException e) {
      if (String.valueOf(e.getMessage()).contains("Invalid argument")) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Writes {@code length} bytes of {@code body} at {@code offset} (both aligned), updating {@code
   * digest} if given; returns the bytes received, less than {@code length} if the body ended early.
   */
  static long receive(
      InputStream body, long length, MessageDigest digest, FileChannel out, long offset)
      throws IOException {
    byte[] heap = new byte[CHUNK];
    ByteBuffer aligned = ByteBuffer.allocateDirect(CHUNK + ALIGNMENT).alignedSlice(ALIGNMENT);
    long received = 0;
    while (received < length) {
      int want = (int) Math.min(CHUNK, length - received);
      int n = body.readNBytes(heap, 0, want);
      if (digest != null) {
        digest.update(heap, 0, n);
      }
      if (n < want) {
        return received + n; // an incomplete body: the caller refuses the part
      }
      aligned.clear().put(heap, 0, n).flip();
      long at = offset + received;
      while (aligned.hasRemaining()) {
        at += out.write(aligned, at);
      }
      received += n;
    }
    return received;
  }

  /** Copies a whole file, opened by {@link #open}, to {@code out}. */
  static void copyWhole(FileChannel in, long size, OutputStream out) throws IOException {
    byte[] heap = new byte[CHUNK];
    ByteBuffer aligned = ByteBuffer.allocateDirect(CHUNK + ALIGNMENT).alignedSlice(ALIGNMENT);
    long position = 0;
    while (position < size) {
      aligned.clear();
      int n = in.read(aligned, position);
      if (n <= 0) {
        throw new IOException("the object ended early");
      }
      aligned.flip().get(heap, 0, n);
      out.write(heap, 0, n);
      position += n;
    }
  }
}
