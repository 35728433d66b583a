package io.lega.platform.digest.bench;

import io.lega.platform.digest.PipelinedDigestStream;
import io.lega.platform.digest.PipelinedDigests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The one pipelined-digest engine ({@link PipelinedDigests}, {@link PipelinedDigestStream}) against
 * the two it replaced, each on its own workload: ingest streaming a body to the archive through the
 * digest stream (chunks of 1 MiB, 8 in flight; the body's SHA-256, plus the inbox file's SHA-256
 * and MD5 when {@code digests} is 3), and the inbox hashing an upload's SHA-256 and MD5 from SFTP
 * writes of 32 KiB. {@code base*} runs the code of commit e3c8957 ({@link
 * BasePipelinedDigestStream}, {@link BaseInboxDigests}), {@code one*} the engine today. Time per
 * {@value #MIB} MiB; see the module's README for how to run it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class DigestBenchmark {
  static final int MIB = 128;
  private static final int CHUNK = 1 << 20;
  private static final int CHUNKS_IN_FLIGHT = 8;
  private static final int SFTP_WRITE = 32 * 1024;
  private static final int INBOX_PENDING_BYTES = 4 * 1024 * 1024;

  @Param("2")
  int threads;

  private byte[] data;
  private ExecutorService pool;

  @Setup(Level.Trial)
  public void setUp() {
    data = new byte[MIB << 20];
    new SplittableRandom(1).nextBytes(data);
    pool = Executors.newFixedThreadPool(threads);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdownNow();
  }

  /** The digests of an archived body: its SHA-256, and the inbox file's SHA-256 and MD5 if 3. */
  @State(Scope.Benchmark)
  public static class Archive {
    @Param({"1", "3"})
    int digests;

    List<MessageDigest> digests() {
      List<MessageDigest> list = new ArrayList<>();
      list.add(PipelinedDigests.digest("SHA-256"));
      if (digests == 3) {
        list.add(PipelinedDigests.digest("SHA-256"));
        list.add(PipelinedDigests.digest("MD5"));
      }
      return list;
    }
  }

  @Benchmark
  public long baseArchiveStream(Archive archive) throws IOException {
    try (BasePipelinedDigestStream in =
        new BasePipelinedDigestStream(body(), pool, CHUNK, CHUNKS_IN_FLIGHT, archive.digests())) {
      in.transferTo(OutputStream.nullOutputStream());
      return in.digests().get(0)[0];
    }
  }

  @Benchmark
  public long oneArchiveStream(Archive archive) throws IOException {
    try (PipelinedDigestStream in =
        new PipelinedDigestStream(body(), pool, CHUNK, CHUNKS_IN_FLIGHT, archive.digests())) {
      in.transferTo(OutputStream.nullOutputStream());
      return in.digests().get(0)[0];
    }
  }

  @Benchmark
  public byte baseUpload() {
    BaseInboxDigests upload = new BaseInboxDigests(pool);
    for (int at = 0; at < data.length; at += SFTP_WRITE) {
      upload.update(data, at, Math.min(SFTP_WRITE, data.length - at));
    }
    return upload.checksums()[1][0];
  }

  @Benchmark
  public byte oneUpload() throws IOException {
    PipelinedDigests upload =
        new PipelinedDigests(
            pool,
            INBOX_PENDING_BYTES,
            List.of(PipelinedDigests.digest("SHA-256"), PipelinedDigests.digest("MD5")));
    for (int at = 0; at < data.length; at += SFTP_WRITE) {
      upload.update(data, at, Math.min(SFTP_WRITE, data.length - at));
    }
    return upload.digests().get(1)[0];
  }

  private InputStream body() {
    return new ByteArrayInputStream(data);
  }
}
