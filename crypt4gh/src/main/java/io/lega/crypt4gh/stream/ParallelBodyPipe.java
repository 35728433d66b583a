package io.lega.crypt4gh.stream;

import io.lega.crypt4gh.body.SegmentDecryptor;
import io.lega.crypt4gh.body.SegmentEncryptor;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.Crypt4ghException;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Encrypts or decrypts whole bodies on several cores: the one pipelined segment engine of the
 * library, for the CLI and for the services. Segments are independent, so batches of them are
 * sealed or opened in parallel while the calling thread reads ahead; the finished batches are then
 * written in order by the calling thread (to a channel), or handed in order to {@link BodyLane}s,
 * each of which runs on the pool one batch at a time (a digest of the body, a digest of the
 * plaintext), in parallel with the other lanes and with the decryption of later batches.
 *
 * <p>Memory stays constant: each body uses a fixed ring of batch buffers, reused once its batch is
 * written and every lane is done with it. A damaged or truncated segment fails with its typed
 * error, the first in body order; the output of the batches before it may already have been
 * written.
 *
 * <p>Thread-safe: one pipe (one pool) serves every body processed at once. The pool's threads are
 * daemons that end when idle, so a pipe need not be closed; {@link #close} ends them at once.
 */
public final class ParallelBodyPipe implements AutoCloseable {
  /** Segments per batch by default: 32 segments are 2 MiB, enough to amortize the hand-offs. */
  public static final int SEGMENTS_PER_BATCH = 32;

  private static final long IDLE_SECONDS = 30;

  private final ThreadPoolExecutor pool;
  private final int batchesInFlight;
  private final int segmentsPerBatch;

  /** A pipe working on {@code threads} cores (at least 1). */
  public ParallelBodyPipe(int threads) {
    this(Math.max(1, threads), 0, SEGMENTS_PER_BATCH);
  }

  /**
   * @param threads threads of the pool (0 for one per available core)
   * @param batchesInFlight batch buffers per body (0 for twice the threads plus two; at least 2)
   * @param segmentsPerBatch segments in a batch (at least 1)
   */
  public ParallelBodyPipe(int threads, int batchesInFlight, int segmentsPerBatch) {
    int size = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    this.batchesInFlight = batchesInFlight > 0 ? Math.max(2, batchesInFlight) : size * 2 + 2;
    this.segmentsPerBatch = Math.max(1, segmentsPerBatch);
    AtomicInteger count = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            size,
            size,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "crypt4gh-segments-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  /**
   * A pipe using every available core, or as many threads as the system property {@code
   * crypt4gh.threads} says.
   */
  public static ParallelBodyPipe allCores() {
    return new ParallelBodyPipe(
        Integer.getInteger("crypt4gh.threads", Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Encrypts plaintext from {@code in} into body segments on {@code out}; returns plaintext bytes.
   */
  public long encrypt(ReadableByteChannel in, WritableByteChannel out, byte[] dataKey)
      throws IOException {
    return new Run(
            Segments.PLAIN_SIZE,
            Segments.CIPHER_SIZE,
            () -> encryptor(new SegmentEncryptor(dataKey)),
            List.of(),
            List.of(),
            out)
        .run(BatchSource.of(in));
  }

  /**
   * Decrypts and authenticates body segments from {@code in} into plaintext on {@code out}; returns
   * plaintext bytes.
   */
  public long decrypt(
      ReadableByteChannel in, WritableByteChannel out, List<DataEncryptionParameters> dataKeys)
      throws IOException {
    return new Run(
            Segments.CIPHER_SIZE,
            Segments.PLAIN_SIZE,
            decryptors(dataKeys),
            List.of(),
            List.of(),
            out)
        .run(BatchSource.of(in));
  }

  /**
   * Reads {@code body} to its end, authenticating and decrypting every segment, and hands the
   * encrypted bytes to {@code ofBody} and the plaintext to {@code ofPlaintext}; returns plaintext
   * bytes. Each lane sees its stream whole and in order once this returns normally.
   *
   * @param body the body (segments only, no header); not closed
   */
  public long decrypt(
      InputStream body,
      List<DataEncryptionParameters> dataKeys,
      List<BodyLane> ofBody,
      List<BodyLane> ofPlaintext)
      throws IOException {
    return new Run(
            Segments.CIPHER_SIZE,
            Segments.PLAIN_SIZE,
            decryptors(dataKeys),
            List.copyOf(ofBody),
            List.copyOf(ofPlaintext),
            null)
        .run(BatchSource.of(body));
  }

  /** Ends the pool's threads; bodies still in progress fail. */
  @Override
  public void close() {
    pool.shutdownNow();
  }

  private static BodyBatch.SegmentWork encryptor(SegmentEncryptor encryptor) {
    return (in, offset, length, out, outOffset, index) ->
        encryptor.encryptSegments(in, offset, length, out, outOffset);
  }

  private static Supplier<BodyBatch.SegmentWork> decryptors(
      List<DataEncryptionParameters> dataKeys) {
    return () -> new SegmentDecryptor(dataKeys)::decryptSegments;
  }

  /** One body through the pipe. */
  private final class Run {
    private final int inSegment;
    private final int outSegment;
    private final Supplier<BodyBatch.SegmentWork> works;
    private final List<BodyLane> inLanes;
    private final List<BodyLane> outLanes;
    private final WritableByteChannel sink;
    private final List<CompletableFuture<Void>> inChains = new ArrayList<>();
    private final List<CompletableFuture<Void>> outChains = new ArrayList<>();
    private final ArrayDeque<BodyBatch> pending = new ArrayDeque<>();
    private int allocated;

    Run(
        int inSegment,
        int outSegment,
        Supplier<BodyBatch.SegmentWork> works,
        List<BodyLane> inLanes,
        List<BodyLane> outLanes,
        WritableByteChannel sink) {
      this.inSegment = inSegment;
      this.outSegment = outSegment;
      this.works = works;
      this.inLanes = inLanes;
      this.outLanes = outLanes;
      this.sink = sink;
      CompletableFuture<Void> none = CompletableFuture.completedFuture(null);
      inLanes.forEach(lane -> inChains.add(none));
      outLanes.forEach(lane -> outChains.add(none));
    }

    long run(BatchSource source) throws IOException {
      int batchBytes = inSegment * segmentsPerBatch;
      long total = 0;
      long segment = 0;
      try {
        while (true) {
          BodyBatch batch = take();
          batch.in = source.next(batch);
          int length = batch.in.remaining();
          if (length == 0) {
            break;
          }
          submit(batch, segment, total);
          segment += (length + inSegment - 1) / inSegment;
          total += length;
          if (length < batchBytes) {
            break;
          }
        }
        while (!pending.isEmpty()) {
          finish(pending.removeFirst());
        }
      } finally {
        for (BodyBatch batch : pending) { // after a failure: let this body's tasks end first
          batch.released.handle((value, error) -> null).join();
        }
      }
      return inSegment == Segments.PLAIN_SIZE ? total : Segments.plaintextLength(total);
    }

    /** A free batch: a new one while the ring is not full, else the oldest, once finished. */
    private BodyBatch take() throws IOException {
      if (allocated < batchesInFlight) {
        allocated++;
        return new BodyBatch(
            inSegment * segmentsPerBatch, outSegment * segmentsPerBatch, sink != null, works.get());
      }
      BodyBatch oldest = pending.removeFirst();
      finish(oldest);
      return oldest;
    }

    private void submit(BodyBatch batch, long firstSegment, long inPosition) {
      long outPosition = inPosition / inSegment * outSegment;
      List<CompletableFuture<?>> parts = new ArrayList<>();
      CompletableFuture<Void> done =
          CompletableFuture.runAsync(
              () -> {
                try {
                  batch.process(inSegment, firstSegment);
                } catch (Crypt4ghException e) {
                  throw new UncheckedIOException(e);
                }
              },
              pool);
      parts.add(done);
      for (int i = 0; i < inLanes.size(); i++) {
        BodyLane lane = inLanes.get(i);
        ByteBuffer view = batch.in.duplicate();
        inChains.set(i, inChains.get(i).thenRunAsync(() -> feed(lane, view, inPosition), pool));
        parts.add(inChains.get(i));
      }
      for (int i = 0; i < outLanes.size(); i++) {
        BodyLane lane = outLanes.get(i);
        outChains.set(
            i,
            outChains
                .get(i)
                .runAfterBothAsync(
                    done, () -> feed(lane, batch.out.duplicate(), outPosition), pool));
        parts.add(outChains.get(i));
      }
      batch.released = CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new));
      pending.addLast(batch);
    }

    /** Waits until a batch is done everywhere, then writes its output to the sink, if any. */
    private void finish(BodyBatch batch) throws IOException {
      try {
        batch.released.join();
      } catch (CompletionException e) {
        throw unwrap(e.getCause());
      }
      if (sink != null) {
        while (batch.out.hasRemaining()) {
          sink.write(batch.out);
        }
      }
    }
  }

  private static void feed(BodyLane lane, ByteBuffer bytes, long position) {
    try {
      lane.accept(bytes, position);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IOException unwrap(Throwable cause) {
    if (cause instanceof UncheckedIOException unchecked) {
      return unchecked.getCause();
    }
    if (cause instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IOException(cause);
  }
}
