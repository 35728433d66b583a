package io.lega.crypt4gh.stream;

import io.lega.crypt4gh.body.SegmentDecryptor;
import io.lega.crypt4gh.body.SegmentEncryptor;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.Crypt4ghException;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Encrypts or decrypts a whole body from one channel to another on several cores. Segments are
 * independent, so batches of them are sealed or opened in parallel while the calling thread reads
 * ahead and writes the finished batches in order. Memory stays constant: a fixed ring of batch
 * buffers is reused.
 */
public final class ParallelBodyPipe {
  /** Segments per batch: 32 segments are 2 MiB, enough to amortize the hand-off. */
  private static final int SEGMENTS_PER_BATCH = 32;

  private final int threads;

  /** A pipe working on {@code threads} cores (at least 1). */
  public ParallelBodyPipe(int threads) {
    this.threads = Math.max(1, threads);
  }

  /** A pipe using every available core. */
  public static ParallelBodyPipe allCores() {
    return new ParallelBodyPipe(Runtime.getRuntime().availableProcessors());
  }

  /**
   * Encrypts plaintext from {@code in} into body segments on {@code out}; returns plaintext bytes.
   */
  public long encrypt(ReadableByteChannel in, WritableByteChannel out, byte[] dataKey)
      throws IOException {
    ThreadLocal<SegmentEncryptor> encryptors =
        ThreadLocal.withInitial(() -> new SegmentEncryptor(dataKey));
    return run(
        in,
        out,
        Segments.PLAIN_SIZE,
        Segments.CIPHER_SIZE,
        (batch, firstSegment) -> {
          batch.outLength =
              encryptors.get().encryptSegments(batch.in, 0, batch.inLength, batch.out, 0);
        });
  }

  /**
   * Decrypts and authenticates body segments from {@code in} into plaintext on {@code out}; returns
   * plaintext bytes. A damaged or truncated segment fails with its typed error; the plaintext of
   * the batches before it may already have been written.
   */
  public long decrypt(
      ReadableByteChannel in, WritableByteChannel out, List<DataEncryptionParameters> dataKeys)
      throws IOException {
    ThreadLocal<SegmentDecryptor> decryptors =
        ThreadLocal.withInitial(() -> new SegmentDecryptor(dataKeys));
    return run(
        in,
        out,
        Segments.CIPHER_SIZE,
        Segments.PLAIN_SIZE,
        (batch, firstSegment) -> {
          batch.outLength =
              decryptors
                  .get()
                  .decryptSegments(batch.in, 0, batch.inLength, batch.out, 0, firstSegment);
        });
  }

  @FunctionalInterface
  private interface BatchWork {
    void process(Batch batch, long firstSegment) throws Crypt4ghException;
  }

  private static final class Batch {
    final byte[] in;
    final byte[] out;
    int inLength;
    int outLength;
    Future<?> done;

    Batch(int inSize, int outSize) {
      in = new byte[inSize];
      out = new byte[outSize];
    }
  }

  private long run(
      ReadableByteChannel in,
      WritableByteChannel out,
      int inSegment,
      int outSegment,
      BatchWork work)
      throws IOException {
    int slots = threads * 2 + 1;
    ArrayDeque<Batch> free = new ArrayDeque<>();
    for (int i = 0; i < slots; i++) {
      free.add(new Batch(inSegment * SEGMENTS_PER_BATCH, outSegment * SEGMENTS_PER_BATCH));
    }
    ArrayDeque<Batch> pending = new ArrayDeque<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            task -> {
              Thread thread = new Thread(task, "crypt4gh-segments");
              thread.setDaemon(true);
              return thread;
            });
    long total = 0;
    long segment = 0;
    try {
      boolean more = true;
      while (more) {
        if (free.isEmpty()) {
          Batch done = pending.removeFirst();
          total += finish(done, out);
          free.add(done);
        }
        Batch batch = free.removeFirst();
        batch.inLength = fill(in, batch.in);
        if (batch.inLength == 0) {
          break;
        }
        more = batch.inLength == batch.in.length;
        long first = segment;
        segment += (batch.inLength + inSegment - 1) / inSegment;
        batch.done =
            pool.submit(
                () -> {
                  try {
                    work.process(batch, first);
                  } catch (Crypt4ghException e) {
                    throw new UncheckedIOException(e);
                  }
                  return null;
                });
        pending.addLast(batch);
      }
      while (!pending.isEmpty()) {
        total += finish(pending.removeFirst(), out);
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits for a batch, writes its output, and returns its plaintext byte count. */
  private long finish(Batch batch, WritableByteChannel out) throws IOException {
    try {
      batch.done.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for a segment batch", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException unchecked) {
        throw unchecked.getCause();
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(cause);
    }
    ByteBuffer buffer = ByteBuffer.wrap(batch.out, 0, batch.outLength);
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
    return Math.min(batch.inLength, batch.outLength);
  }

  /** Reads until {@code buffer} is full or the channel ends; returns the bytes read. */
  private static int fill(ReadableByteChannel in, byte[] buffer) throws IOException {
    ByteBuffer target = ByteBuffer.wrap(buffer);
    while (target.hasRemaining()) {
      if (in.read(target) < 0) {
        break;
      }
    }
    return target.position();
  }
}
