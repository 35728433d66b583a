package io.lega.inbox.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Files to upload. */
public final class TestFiles {

  private TestFiles() {}

  /**
   * A file that looks like Crypt4GH to the inbox: magic, version 1 (little-endian), then random
   * bytes; {@code size} bytes in all (at least 12).
   */
  public static Path crypt4ghLooking(Path dir, String name, long size, long seed) {
    ByteBuffer preamble = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    preamble.put("crypt4gh".getBytes(StandardCharsets.US_ASCII)).putInt(1);
    return write(dir, name, preamble.array(), size, seed);
  }

  /** {@code size} bytes: {@code start}, then random bytes. */
  public static Path write(Path dir, String name, byte[] start, long size, long seed) {
    Path file = dir.resolve(name);
    SplittableRandom random = new SplittableRandom(seed);
    byte[] buffer = new byte[1 << 16];
    try (OutputStream out = Files.newOutputStream(file)) {
      int head = (int) Math.min(start.length, size);
      out.write(start, 0, head);
      long left = size - head;
      while (left > 0) {
        random.nextBytes(buffer);
        int n = (int) Math.min(buffer.length, left);
        out.write(buffer, 0, n);
        left -= n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
