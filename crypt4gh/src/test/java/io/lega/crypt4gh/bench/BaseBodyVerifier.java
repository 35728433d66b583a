package io.lega.crypt4gh.bench;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.PlaintextSelection;
import io.lega.crypt4gh.body.SegmentDecryptor;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.Crypt4ghException;
import io.lega.crypt4gh.error.TruncatedException;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * verify-service's decryption and hashing pipeline (BodyVerifier) as it was before the one engine
 * (commit e3c8957), kept only for {@link BodyPipeBenchmark} to compare with.
 *
 * <p>Reads a Crypt4GH body once, in constant memory, and in the same pass: authenticates and
 * decrypts every segment, computes the SHA-256 and MD5 of the plaintext (what an edit list keeps,
 * if the header has one), and the SHA-256 and size of the body itself.
 *
 * <p>The work is a pipeline: the calling thread only reads batches of segments from the stream into
 * a fixed ring of buffers; the batches are decrypted in parallel on a shared pool, and three chains
 * of tasks on the same pool feed the body's SHA-256, the plaintext's SHA-256 and its MD5 in batch
 * order. Each digest runs on one core at a time, so the slowest (MD5) sets the pace while the
 * others and the decryption run beside it. A buffer is read into again only when all its tasks are
 * done, so memory is {@code batchesInFlight} times about 2 MiB per body, whatever its size.
 *
 * <p>Thread-safe: one instance (one pool) serves every file verified at once.
 */
final class BaseBodyVerifier implements AutoCloseable {

  /** Segments per batch: 16 segments are about 1 MiB, enough to amortize the hand-offs. */
  static final int SEGMENTS_PER_BATCH = 16;

  private static final HexFormat HEX = HexFormat.of();

  private final ExecutorService pool;
  private final int batchesInFlight;

  /**
   * @param threads threads of the shared pool (at least 1; 0 for one per available core)
   * @param batchesInFlight buffers per body (0 for twice the threads plus two; at least 2)
   */
  BaseBodyVerifier(int threads, int batchesInFlight) {
    int poolSize = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    this.batchesInFlight = batchesInFlight > 0 ? Math.max(2, batchesInFlight) : poolSize * 2 + 2;
    AtomicInteger count = new AtomicInteger();
    ThreadFactory factory =
        task -> {
          Thread thread = new Thread(task, "verify-crypto-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.pool = Executors.newFixedThreadPool(poolSize, factory);
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
    Run run = new Run(dataKeys, selection);
    try {
      run.readAll(body);
    } finally {
      run.awaitAll();
    }
    return run.result();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** One buffer of the ring, with its own decryptor (at most one task decrypts it at a time). */
  private static final class Slot {
    final byte[] cipher = new byte[SEGMENTS_PER_BATCH * Segments.CIPHER_SIZE];
    final byte[] plain = new byte[SEGMENTS_PER_BATCH * Segments.PLAIN_SIZE];
    final SegmentDecryptor decryptor;
    CompletableFuture<Void> released = CompletableFuture.completedFuture(null);

    Slot(List<DataEncryptionParameters> dataKeys) {
      decryptor = new SegmentDecryptor(dataKeys);
    }
  }

  /** The state of one pass over one body. */
  private final class Run {
    private final PlaintextSelection selection;
    private final Slot[] slots;
    private final MessageDigest bodySha256 = digest("SHA-256");
    private final MessageDigest sha256 = digest("SHA-256");
    private final MessageDigest md5 = digest("MD5");
    private CompletableFuture<Void> bodyChain = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> shaChain = CompletableFuture.completedFuture(null);
    private CompletableFuture<Void> md5Chain = CompletableFuture.completedFuture(null);

    /** The failure of the lowest batch, if any (decryption failures only). */
    private Crypt4ghException firstFailure;

    private long firstFailureBatch = Long.MAX_VALUE;
    private long bodySize;
    private long plaintextSize;

    Run(List<DataEncryptionParameters> dataKeys, PlaintextSelection selection) {
      this.selection = selection;
      this.slots = new Slot[batchesInFlight];
      for (int i = 0; i < slots.length; i++) {
        slots[i] = new Slot(dataKeys);
      }
    }

    void readAll(InputStream body) throws IOException {
      long batch = 0;
      long plainPosition = 0;
      while (true) {
        Slot slot = slots[(int) (batch % slots.length)];
        waitQuietly(slot.released);
        if (failed()) {
          return;
        }
        int length = body.readNBytes(slot.cipher, 0, slot.cipher.length);
        if (length == 0) {
          return;
        }
        int plainLength;
        try {
          plainLength = (int) Segments.plaintextLength(length);
        } catch (TruncatedException e) {
          // a trailing segment too short to hold a nonce and a tag
          recordFailure(batch, e);
          return;
        }
        submit(slot, batch, length, plainPosition, plainLength);
        bodySize += length;
        plaintextSize += selected(plainPosition, plainPosition + plainLength);
        plainPosition += plainLength;
        batch++;
        if (length < slot.cipher.length) {
          return;
        }
      }
    }

    private void submit(Slot slot, long batch, int length, long plainStart, int plainLength) {
      long firstSegment = batch * SEGMENTS_PER_BATCH;
      CompletableFuture<Void> hashed =
          bodyChain.thenRunAsync(() -> bodySha256.update(slot.cipher, 0, length), pool);
      bodyChain = hashed;
      CompletableFuture<Integer> decrypted =
          CompletableFuture.supplyAsync(
              () -> decrypt(slot, batch, length, firstSegment, plainLength), pool);
      shaChain =
          shaChain.thenCombineAsync(
              decrypted,
              (ignored, plain) -> {
                feed(sha256, slot.plain, plainStart, plain);
                return null;
              },
              pool);
      md5Chain =
          md5Chain.thenCombineAsync(
              decrypted,
              (ignored, plain) -> {
                feed(md5, slot.plain, plainStart, plain);
                return null;
              },
              pool);
      slot.released = CompletableFuture.allOf(hashed, shaChain, md5Chain);
    }

    private int decrypt(Slot slot, long batch, int length, long firstSegment, int plainLength) {
      try {
        int plain =
            slot.decryptor.decryptSegments(slot.cipher, 0, length, slot.plain, 0, firstSegment);
        if (plain != plainLength) {
          throw new IllegalStateException(
              "decrypted " + plain + " bytes of batch " + batch + ", expected " + plainLength);
        }
        return plain;
      } catch (Crypt4ghException e) {
        recordFailure(batch, e);
        throw new CompletionException(e);
      }
    }

    private synchronized void recordFailure(long batch, Crypt4ghException e) {
      if (batch < firstFailureBatch) {
        firstFailureBatch = batch;
        firstFailure = e;
      }
    }

    private boolean failed() {
      return bodyChain.isCompletedExceptionally()
          || shaChain.isCompletedExceptionally()
          || md5Chain.isCompletedExceptionally();
    }

    /** Feeds the part of {@code plain} (plaintext from {@code start}) the selection keeps. */
    private void feed(MessageDigest digest, byte[] plain, long start, int length) {
      long end = start + length;
      for (ByteRange interval : selection.intervals()) {
        long from = Math.max(start, interval.start());
        long to = Math.min(end, interval.end());
        if (from < to) {
          digest.update(plain, (int) (from - start), (int) (to - from));
        }
      }
    }

    private long selected(long start, long end) {
      long total = 0;
      for (ByteRange interval : selection.intervals()) {
        long from = Math.max(start, interval.start());
        long to = Math.min(end, interval.end());
        if (from < to) {
          total += to - from;
        }
      }
      return total;
    }

    /** Waits for every task of this pass, failed or not. */
    void awaitAll() {
      waitQuietly(CompletableFuture.allOf(bodyChain, shaChain, md5Chain));
    }

    Result result() throws IOException {
      synchronized (this) {
        if (firstFailure != null) {
          throw firstFailure;
        }
      }
      try {
        CompletableFuture.allOf(bodyChain, shaChain, md5Chain).join();
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new IOException("verifying the body failed: " + cause, cause);
      }
      return new Result(
          bodySize,
          HEX.formatHex(bodySha256.digest()),
          plaintextSize,
          HEX.formatHex(sha256.digest()),
          HEX.formatHex(md5.digest()));
    }
  }

  private static void waitQuietly(CompletableFuture<?> future) {
    future.handle((value, error) -> null).join();
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no " + algorithm, e);
    }
  }
}
