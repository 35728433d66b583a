package io.lega.crypt4gh.bench;

import io.lega.crypt4gh.body.SegmentDecryptor;
import io.lega.crypt4gh.body.SegmentEncryptor;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.Crypt4ghException;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The CLI's segment engine as it was before the one engine (commit e3c8957), kept only for {@link
 * BodyPipeBenchmark} to compare with.
 *
 * <p>Encrypts or decrypts a whole body from one channel to another on several cores. Segments are
 * independent, so batches of them are sealed or opened in parallel while the calling thread reads
 * ahead and writes the finished batches in order. Memory stays constant: a fixed ring of batch
 * buffers is reused.
 */
final class BaseParallelBodyPipe {
  /** Segments per batch: 32 segments are 2 MiB, enough to amortize the hand-off. */
  private static final int SEGMENTS_PER_BATCH = 32;

  private final int threads;

  /** A pipe working on {@code threads} cores (at least 1). */
  BaseParallelBodyPipe(int threads) {
    this.threads = Math.max(1, threads);
  }

  /**
   * A pipe using every available core, or as many threads as the system property {@code
   * crypt4gh.threads} says.
   */
  static BaseParallelBodyPipe allCores() {
    return new BaseParallelBodyPipe(
        Integer.getInteger("crypt4gh.threads", Runtime.getRuntime().availableProcessors()));
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
        (staging, length, index) ->
            encryptors.get().encrypt(staging.in, 0, length, staging.out, 0));
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
        (staging, length, index) ->
            decryptors.get().decrypt(staging.in, 0, length, staging.out, 0, index));
  }

  /** Seals or opens one segment from {@code staging.in} into {@code staging.out}. */
  @FunctionalInterface
  private interface SegmentWork {
    int process(Staging staging, int length, long index) throws Crypt4ghException;
  }

  /** A worker's segment-sized arrays: the cipher works on arrays that stay in cache. */
  private static final class Staging {
    final byte[] in = new byte[Segments.CIPHER_SIZE];
    final byte[] out = new byte[Segments.CIPHER_SIZE];
  }

  /**
   * A batch of segments in direct buffers, so the calling thread only moves bytes between the
   * channels and the kernel, and every copy in memory is done by the workers.
   */
  private static final class Batch {
    final ByteBuffer buffer;
    final ByteBuffer out;
    ByteBuffer in;
    Future<?> done;

    Batch(int inSize, int outSize) {
      buffer = ByteBuffer.allocateDirect(inSize);
      out = ByteBuffer.allocateDirect(outSize);
    }
  }

  /**
   * Where batches of input come from: read from a channel into the batch's own buffer, or, when the
   * input is a regular file, sliced from a memory mapping so that no thread copies it twice.
   */
  private interface BatchSource {
    /** The next batch of input (position 0, limit its length); empty at the end. */
    ByteBuffer next(ByteBuffer own) throws IOException;

    static BatchSource of(ReadableByteChannel in, int batchBytes) throws IOException {
      if (in instanceof FileChannel file
          && isRegularFileWithData(file)
          && !Boolean.getBoolean("crypt4gh.noMmap")) {
        return new MappedSource(file, batchBytes);
      }
      return own -> {
        fill(in, own);
        return own.flip();
      };
    }
  }

  /** Whether the channel is a seekable file with bytes left (pipes cannot tell their position). */
  private static boolean isRegularFileWithData(FileChannel file) {
    try {
      return file.size() > file.position();
    } catch (IOException notSeekable) {
      return false;
    }
  }

  /** Slices a regular file into batches through read-only mappings of 32 batches each. */
  private static final class MappedSource implements BatchSource {
    private final FileChannel file;
    private final int batchBytes;
    private final long end;
    private long position;
    private MappedByteBuffer window;
    private long windowStart;

    MappedSource(FileChannel file, int batchBytes) throws IOException {
      this.file = file;
      this.batchBytes = batchBytes;
      this.position = file.position();
      this.end = file.size();
    }

    @Override
    public ByteBuffer next(ByteBuffer own) throws IOException {
      if (position >= end) {
        file.position(end);
        return ByteBuffer.allocate(0);
      }
      int length = (int) Math.min(batchBytes, end - position);
      if (window == null || position + length > windowStart + window.capacity()) {
        windowStart = position;
        window =
            file.map(
                FileChannel.MapMode.READ_ONLY,
                position,
                Math.min(32L * batchBytes, end - position));
      }
      ByteBuffer slice = window.slice((int) (position - windowStart), length);
      position += length;
      return slice;
    }
  }

  private static void process(
      Batch batch, int inSegment, long firstSegment, SegmentWork work, Staging staging)
      throws Crypt4ghException {
    ByteBuffer in = batch.in.duplicate();
    ByteBuffer out = batch.out.clear();
    long index = firstSegment;
    while (in.hasRemaining()) {
      int length = Math.min(inSegment, in.remaining());
      in.get(staging.in, 0, length);
      int produced = work.process(staging, length, index++);
      out.put(staging.out, 0, produced);
    }
    out.flip();
  }

  private long run(
      ReadableByteChannel in,
      WritableByteChannel out,
      int inSegment,
      int outSegment,
      SegmentWork work)
      throws IOException {
    ThreadLocal<Staging> staging = ThreadLocal.withInitial(Staging::new);
    int slots = threads * 2 + 1;
    ArrayDeque<Batch> free = new ArrayDeque<>();
    for (int i = 0; i < slots; i++) {
      free.add(new Batch(inSegment * SEGMENTS_PER_BATCH, outSegment * SEGMENTS_PER_BATCH));
    }
    ArrayDeque<Batch> pending = new ArrayDeque<>();
    BatchSource source = BatchSource.of(in, inSegment * SEGMENTS_PER_BATCH);
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
          finish(done, out);
          free.add(done);
        }
        Batch batch = free.removeFirst();
        batch.in = source.next(batch.buffer);
        int length = batch.in.remaining();
        if (length == 0) {
          break;
        }
        more = length == batch.buffer.capacity();
        long first = segment;
        segment += (length + inSegment - 1) / inSegment;
        total += length;
        batch.done =
            pool.submit(
                () -> {
                  try {
                    process(batch, inSegment, first, work, staging.get());
                  } catch (Crypt4ghException e) {
                    throw new UncheckedIOException(e);
                  }
                  return null;
                });
        pending.addLast(batch);
      }
      while (!pending.isEmpty()) {
        finish(pending.removeFirst(), out);
      }
      return plaintextBytes(total, inSegment);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Plaintext bytes in {@code inputBytes} of input made of segments of {@code inSegment}. */
  private static long plaintextBytes(long inputBytes, int inSegment) throws IOException {
    return inSegment == Segments.PLAIN_SIZE ? inputBytes : Segments.plaintextLength(inputBytes);
  }

  /** Waits for a batch and writes its output. */
  private static void finish(Batch batch, WritableByteChannel out) throws IOException {
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
    ByteBuffer buffer = batch.out;
    while (buffer.hasRemaining()) {
      out.write(buffer);
    }
  }

  /** Reads until {@code buffer} is full or the channel ends; returns the bytes read. */
  private static int fill(ReadableByteChannel in, ByteBuffer target) throws IOException {
    target.clear();
    while (target.hasRemaining()) {
      if (in.read(target) < 0) {
        break;
      }
    }
    return target.position();
  }
}
