package io.lega.crypt4gh.bench;

import io.lega.crypt4gh.body.PlaintextSelection;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import io.lega.crypt4gh.stream.BodyLane;
import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import io.lega.crypt4gh.stream.ParallelBodyPipe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
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
 * The one segment engine ({@link ParallelBodyPipe}) against the two it replaced, each on its own
 * workload: the CLI's channel-to-channel encryption and decryption (from a regular file, mapped,
 * and from a stream, as from a pipe) and verify's pass over a body (authenticate every segment,
 * SHA-256 of the body, SHA-256 and MD5 of the plaintext). {@code base*} runs the code of commit
 * e3c8957 ({@link BaseParallelBodyPipe}, {@link BaseBodyVerifier}), {@code one*} the engine today.
 * Time per {@value #MIB} MiB body; see the module's README for how to run it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class BodyPipeBenchmark {
  static final int MIB = 128;

  /** Verify's batches: 16 segments. */
  private static final int VERIFY_SEGMENTS = 16;

  @Param("2")
  int threads;

  private byte[] dataKey;
  private List<DataEncryptionParameters> keys;
  private byte[] body;
  private Path plainFile;
  private Path bodyFile;
  private ParallelBodyPipe one;
  private ParallelBodyPipe oneForVerify;
  private BaseParallelBodyPipe base;
  private BaseBodyVerifier baseVerifier;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    byte[] plain = new byte[MIB << 20];
    new SplittableRandom(1).nextBytes(plain);
    dataKey = new byte[32];
    new SplittableRandom(2).nextBytes(dataKey);
    keys = List.of(DataEncryptionParameters.of(dataKey));
    ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length + plain.length / 1000);
    try (Crypt4ghOutputStream c4gh = Crypt4ghOutputStream.bodyOnly(out, dataKey)) {
      c4gh.write(plain);
    }
    body = out.toByteArray();
    plainFile = Files.createTempFile("bench", ".bin");
    Files.write(plainFile, plain);
    bodyFile = Files.createTempFile("bench", ".c4gh");
    Files.write(bodyFile, body);
    one = new ParallelBodyPipe(threads);
    oneForVerify = new ParallelBodyPipe(threads, 0, VERIFY_SEGMENTS);
    base = new BaseParallelBodyPipe(threads);
    baseVerifier = new BaseBodyVerifier(threads, 0);
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    one.close();
    oneForVerify.close();
    baseVerifier.close();
    Files.deleteIfExists(plainFile);
    Files.deleteIfExists(bodyFile);
  }

  @Benchmark
  public long baseDecryptFile() throws IOException {
    try (FileChannel in = FileChannel.open(bodyFile)) {
      return base.decrypt(in, new NullChannel(), keys);
    }
  }

  @Benchmark
  public long oneDecryptFile() throws IOException {
    try (FileChannel in = FileChannel.open(bodyFile)) {
      return one.decrypt(in, new NullChannel(), keys);
    }
  }

  @Benchmark
  public long baseDecryptStream() throws IOException {
    return base.decrypt(
        Channels.newChannel(new ByteArrayInputStream(body)), new NullChannel(), keys);
  }

  @Benchmark
  public long oneDecryptStream() throws IOException {
    return one.decrypt(
        Channels.newChannel(new ByteArrayInputStream(body)), new NullChannel(), keys);
  }

  @Benchmark
  public long baseEncryptFile() throws IOException {
    try (FileChannel in = FileChannel.open(plainFile)) {
      return base.encrypt(in, new NullChannel(), dataKey);
    }
  }

  @Benchmark
  public long oneEncryptFile() throws IOException {
    try (FileChannel in = FileChannel.open(plainFile)) {
      return one.encrypt(in, new NullChannel(), dataKey);
    }
  }

  @Benchmark
  public String baseVerify() throws IOException {
    return baseVerifier
        .verify(new ByteArrayInputStream(body), keys, PlaintextSelection.all())
        .md5();
  }

  /** What verify-service's {@code BodyVerifier} does on the engine. */
  @Benchmark
  public String oneVerify() throws IOException {
    MessageDigest bodySha256 = digest("SHA-256");
    MessageDigest sha256 = digest("SHA-256");
    MessageDigest md5 = digest("MD5");
    PlaintextSelection all = PlaintextSelection.all();
    oneForVerify.decrypt(
        new ByteArrayInputStream(body),
        keys,
        List.of(BodyLane.digest(bodySha256)),
        List.of(BodyLane.digest(sha256).selecting(all), BodyLane.digest(md5).selecting(all)));
    bodySha256.digest();
    sha256.digest();
    return HexFormat.of().formatHex(md5.digest());
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Takes every byte, as a fast consumer would. */
  private static final class NullChannel implements WritableByteChannel {
    @Override
    public int write(ByteBuffer src) {
      int n = src.remaining();
      src.position(src.limit());
      return n;
    }

    @Override
    public boolean isOpen() {
      return true;
    }

    @Override
    public void close() {}
  }
}
