package io.lega.verify.service;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.PlaintextSelection;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import io.lega.crypt4gh.stream.BodyLane;
import io.lega.crypt4gh.stream.ParallelBodyPipe;
import io.lega.platform.digest.PipelinedDigests;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a Crypt4GH body once, in constant memory, and in the same pass: authenticates and decrypts
 * every segment, computes the SHA-256 and MD5 of the plaintext (what an edit list keeps, if the
 * header has one), and the SHA-256 and size of the body itself.
 *
 * <p>The work is the library's {@link ParallelBodyPipe}: batches of {@value #SEGMENTS_PER_BATCH}
 * segments are decrypted in parallel on a shared pool while three lanes on the same pool feed the
 * body's SHA-256, the plaintext's SHA-256 and its MD5 in batch order. Memory is {@code
 * batchesInFlight} times about 2 MiB per body, whatever its size.
 *
 * <p>Thread-safe: one instance (one pool) serves every file verified at once.
 */
public final class BodyVerifier implements AutoCloseable {

  /** Segments per batch: 16 segments are about 1 MiB, enough to amortize the hand-offs. */
  static final int SEGMENTS_PER_BATCH = 16;

  private static final HexFormat HEX = HexFormat.of();

  private final ParallelBodyPipe pipe;

  /**
   * @param threads threads of the shared pool (at least 1; 0 for one per available core)
   * @param batchesInFlight buffers per body (0 for twice the threads plus two; at least 2)
   */
  public BodyVerifier(int threads, int batchesInFlight) {
    this.pipe = new ParallelBodyPipe(threads, batchesInFlight, SEGMENTS_PER_BATCH);
  }

  /** What one pass over a body found. */
  public record Result(
      long bodySize, String bodySha256, long plaintextSize, String sha256, String md5) {}

  /**
   * Reads {@code body} to its end and checks every segment.
   *
   * @param body the archived body (segments only, no header); not closed
   * @param dataKeys the data keys of the opened header
   * @param selection the plaintext the reader sees ({@link PlaintextSelection#of} the edit list)
   * @throws io.lega.crypt4gh.error.SegmentAuthenticationException for the first segment no data key
   *     authenticates
   * @throws io.lega.crypt4gh.error.TruncatedException if the body ends with a segment too short to
   *     hold a nonce and a tag
   * @throws IOException if reading the body fails
   */
  public Result verify(
      InputStream body, List<DataEncryptionParameters> dataKeys, PlaintextSelection selection)
      throws IOException {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(selection, "selection");
    MessageDigest bodySha256 = PipelinedDigests.digest("SHA-256");
    MessageDigest sha256 = PipelinedDigests.digest("SHA-256");
    MessageDigest md5 = PipelinedDigests.digest("MD5");
    AtomicLong bodySize = new AtomicLong();
    BodyLane ofBody =
        (bytes, position) -> {
          bodySize.set(position + bytes.remaining());
          bodySha256.update(bytes);
        };
    long plaintext =
        pipe.decrypt(
            body,
            dataKeys,
            List.of(ofBody),
            List.of(
                BodyLane.digest(sha256).selecting(selection),
                BodyLane.digest(md5).selecting(selection)));
    return new Result(
        bodySize.get(),
        HEX.formatHex(bodySha256.digest()),
        selected(selection, plaintext),
        HEX.formatHex(sha256.digest()),
        HEX.formatHex(md5.digest()));
  }

  @Override
  public void close() {
    pipe.close();
  }

  /** Bytes of {@code selection} within a plaintext of {@code length} bytes. */
  private static long selected(PlaintextSelection selection, long length) {
    long total = 0;
    for (ByteRange interval : selection.intervals()) {
      total += Math.max(0, Math.min(length, interval.end()) - interval.start());
    }
    return total;
  }
}
