package io.lega.platform.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** The SHA-256 and MD5 of an upload, as the inbox computes them. */
class PipelinedDigestsTest {

  /** What the inbox lets wait: 4 MiB (the SSH channel's window is 2 MiB). */
  static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;

  @Test
  void aPoolHashesTheBytesInTheOrderGiven() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // chunks of every size up to 64 KiB, 40 MiB in all: many times the room
      byte[] data = random(40 * 1024 * 1024, 1);
      PipelinedDigests digests = sha256AndMd5(pool);
      SplittableRandom sizes = new SplittableRandom(2);
      for (int at = 0; at < data.length; ) {
        int length = Math.min(data.length - at, sizes.nextInt(65_537));
        digests.update(data, at, length);
        at += length;
      }

      assertThat(hex(digests)).isEqualTo(expected(data));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void oneWriteLargerThanTheRoomIsSplit() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      byte[] data = random(MAX_PENDING_BYTES * 2 + 7, 3);
      PipelinedDigests digests = sha256AndMd5(pool);

      digests.update(data, 0, data.length);

      assertThat(hex(digests)).isEqualTo(expected(data));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aPoolThatIsShutDownLeavesTheHashingToTheCaller() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.shutdown();
    byte[] data = random(3 * 1024 * 1024, 4);
    PipelinedDigests digests = sha256AndMd5(pool);

    for (int at = 0; at < data.length; at += 32 * 1024) {
      digests.update(data, at, Math.min(32 * 1024, data.length - at));
    }

    assertThat(hex(digests)).isEqualTo(expected(data));
  }

  @Test
  void nothingIsTheDigestsOfNothing() throws Exception {
    PipelinedDigests digests = sha256AndMd5(Runnable::run);

    digests.update(new byte[10], 3, 0);

    assertThat(hex(digests)).isEqualTo(expected(new byte[0]));
  }

  private static PipelinedDigests sha256AndMd5(Executor executor) {
    return new PipelinedDigests(
        executor,
        MAX_PENDING_BYTES,
        List.of(PipelinedDigests.digest("SHA-256"), PipelinedDigests.digest("MD5")));
  }

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  private static List<String> hex(PipelinedDigests digests) throws Exception {
    return digests.digests().stream().map(HexFormat.of()::formatHex).toList();
  }

  private static List<String> expected(byte[] data) throws Exception {
    HexFormat hex = HexFormat.of();
    return List.of(
        hex.formatHex(MessageDigest.getInstance("SHA-256").digest(data)),
        hex.formatHex(MessageDigest.getInstance("MD5").digest(data)));
  }
}
