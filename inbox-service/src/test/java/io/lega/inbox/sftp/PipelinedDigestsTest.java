package io.lega.inbox.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.inbox.notify.FileChecksums;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class PipelinedDigestsTest {

  @Test
  void aPoolHashesTheBytesInTheOrderGiven() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      // chunks of every size up to 64 KiB, 40 MiB in all: many times the room
      byte[] data = random(40 * 1024 * 1024, 1);
      PipelinedDigests digests = new PipelinedDigests(pool);
      SplittableRandom sizes = new SplittableRandom(2);
      for (int at = 0; at < data.length; ) {
        int length = Math.min(data.length - at, sizes.nextInt(65_537));
        digests.update(data, at, length);
        at += length;
      }

      assertThat(digests.checksums()).isEqualTo(expected(data));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void oneWriteLargerThanTheRoomIsSplit() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      byte[] data = random(PipelinedDigests.MAX_PENDING_BYTES * 2 + 7, 3);
      PipelinedDigests digests = new PipelinedDigests(pool);

      digests.update(data, 0, data.length);

      assertThat(digests.checksums()).isEqualTo(expected(data));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aPoolThatIsShutDownLeavesTheHashingToTheCaller() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    pool.shutdown();
    byte[] data = random(3 * 1024 * 1024, 4);
    PipelinedDigests digests = new PipelinedDigests(pool);

    for (int at = 0; at < data.length; at += 32 * 1024) {
      digests.update(data, at, Math.min(32 * 1024, data.length - at));
    }

    assertThat(digests.checksums()).isEqualTo(expected(data));
  }

  @Test
  void nothingIsTheDigestsOfNothing() throws Exception {
    PipelinedDigests digests = new PipelinedDigests(Runnable::run);

    digests.update(new byte[10], 3, 0);

    assertThat(digests.checksums()).isEqualTo(expected(new byte[0]));
  }

  private static byte[] random(int size, long seed) {
    byte[] data = new byte[size];
    new SplittableRandom(seed).nextBytes(data);
    return data;
  }

  private static FileChecksums expected(byte[] data) throws Exception {
    HexFormat hex = HexFormat.of();
    return new FileChecksums(
        hex.formatHex(MessageDigest.getInstance("SHA-256").digest(data)),
        hex.formatHex(MessageDigest.getInstance("MD5").digest(data)));
  }
}
