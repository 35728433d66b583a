package io.lega.platform.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelinedDigestStreamTest {

  static final int CHUNK = 4096;

  final ExecutorService pool = Executors.newFixedThreadPool(3);
  final Random random = new Random(7);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 1_000_003})
  void passesEveryByteThroughAndHashesItOnOtherThreads(int size) throws Exception {
    byte[] data = bytes(size);
    byte[] prefix = bytes(123);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    MessageDigest prefixed = MessageDigest.getInstance("SHA-256");
    prefixed.update(prefix);
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    md5.update(prefix);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<byte[]> digests;
    try (PipelinedDigestStream stream =
        new PipelinedDigestStream(
            new ByteArrayInputStream(data), pool, CHUNK, 3, List.of(sha256, prefixed, md5))) {
      byte[] buffer = new byte[10_000];
      int n;
      while ((n = stream.read(buffer, 0, 1 + random.nextInt(buffer.length))) >= 0) {
        out.write(buffer, 0, n);
      }
      assertThat(stream.atEnd()).isTrue();
      assertThat(stream.count()).isEqualTo(size);
      digests = stream.digests();
    }

    assertThat(out.toByteArray()).isEqualTo(data);
    assertThat(digests.get(0)).isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    assertThat(digests.get(1)).isEqualTo(digest("SHA-256", prefix, data));
    assertThat(digests.get(2)).isEqualTo(digest("MD5", prefix, data));
  }

  @Test
  void oneBufferAndHashingInTheReaderWork() throws Exception {
    byte[] data = bytes(5 * CHUNK + 17);
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    try (PipelinedDigestStream stream =
        new PipelinedDigestStream(
            new ByteArrayInputStream(data), Runnable::run, CHUNK, 1, List.of(sha256))) {
      assertThat(stream.readAllBytes()).isEqualTo(data);
      assertThat(stream.digests().get(0))
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(data));
    }
  }

  @Test
  void aSingleByteReadWorks() throws IOException {
    try (PipelinedDigestStream stream =
        new PipelinedDigestStream(
            new ByteArrayInputStream(new byte[] {(byte) 200}), pool, CHUNK, 2, List.of())) {
      assertThat(stream.read()).isEqualTo(200);
      assertThat(stream.read()).isEqualTo(-1);
    }
  }

  private byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] digest(String algorithm, byte[] first, byte[] second) throws Exception {
    MessageDigest digest = MessageDigest.getInstance(algorithm);
    digest.update(first);
    digest.update(second);
    return digest.digest();
  }
}
