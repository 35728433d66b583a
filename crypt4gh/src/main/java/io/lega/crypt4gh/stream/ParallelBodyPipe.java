package io.lega.crypt4gh.stream;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.PlaintextSelection;
import io.lega.crypt4gh.body.SegmentDecryptor;
import io.lega.crypt4gh.body.SegmentEncryptor;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.Crypt4ghException;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
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
 * written in order by the calling thread (to a channel), or handed in order to {@link Lane}s, each
 * of which runs on the pool one batch at a time (a digest of the body, a digest of the plaintext),
 * in parallel with the other lanes and with the decryption of later batches.
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
    this(threads, 0, SEGMENTS_PER_BATCH);
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
   * An in-order consumer of one side of a body (its encrypted bytes or its plaintext), given every
   * batch in order, one at a time, on the pipe's threads.
   */
  @FunctionalInterface
  public interface Lane {
    /**
     * @param bytes the batch's bytes (read them during the call; do not keep the buffer)
     * @param position where the batch starts in the stream it comes from
     */
    void accept(ByteBuffer bytes, long position) throws IOException;

    /** A lane feeding {@code digest} with every byte. */
    static Lane digest(MessageDigest digest) {
      return (bytes, position) -> digest.update(bytes);
    }

    /** This lane, given only the bytes {@code selection} keeps (positions are unchanged). */
    default Lane selecting(PlaintextSelection selection) {
      return (bytes, position) -> {
        long end = position + bytes.remaining();
        for (ByteRange interval : selection.intervals()) {
          long from = Math.max(position, interval.start());
          long to = Math.min(end, interval.end());
          if (from < to) {
            int at = bytes.position() + (int) (from - position);
            accept(bytes.duplicate().limit(at + (int) (to - from)).position(at), from);
          }
        }
      };
    }
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
        .run(Source.of(in));
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
        .run(Source.of(in));
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
      List<Lane> ofBody,
      List<Lane> ofPlaintext)
      throws IOException {
    return new Run(
            Segments.CIPHER_SIZE,
            Segments.PLAIN_SIZE,
            decryptors(dataKeys),
            List.copyOf(ofBody),
            List.copyOf(ofPlaintext),
            null)
        .run(Source.of(body));
  }

  /** Ends the pool's threads; bodies still in progress fail. */
  @Override
  public void close() {
    pool.shutdownNow();
  }

  /** Seals or opens a run of whole segments (the last may be short). */
  @FunctionalInterface
  private interface SegmentWork {
    int process(byte[] in, int offset, int length, byte[] out, int outOffset, long firstIndex)
        throws Crypt4ghException;
  }

  private static SegmentWork encryptor(SegmentEncryptor encryptor) {
    return (in, offset, length, out, outOffset, index) ->
        encryptor.encryptSegments(in, offset, length, out, outOffset);
  }

  private static Supplier<SegmentWork> decryptors(List<DataEncryptionParameters> dataKeys) {
    return () -> new SegmentDecryptor(dataKeys)::decryptSegments;
  }

  /**
   * Where batches of input come from: read into the batch's own buffer, or, when the input is a
   * regular file, sliced from a memory mapping so that no thread copies it twice.
   */
  private interface Source {
    /** The next batch of input (position 0, limit its length); empty at the end. */
    ByteBuffer next(Batch batch) throws IOException;

    static Source of(InputStream in) {
      return batch -> {
        ByteBuffer own = batch.own(false);
        return own.clear().limit(in.readNBytes(own.array(), 0, own.capacity()));
      };
    }

    static Source of(ReadableByteChannel in) throws IOException {
      if (in instanceof FileChannel file
          && isRegularFileWithData(file)
          && !Boolean.getBoolean("crypt4gh.noMmap")) {
        return new MappedSource(file);
      }
      return batch -> {
        ByteBuffer own = batch.own(true).clear();
        while (own.hasRemaining() && in.read(own) >= 0) {
          // until full or at the end
        }
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
  private static final class MappedSource implements Source {
    private final FileChannel file;
    private final long end;
    private long position;
    private MappedByteBuffer window;
    private long windowStart;

    MappedSource(FileChannel file) throws IOException {
      this.file = file;
      this.position = file.position();
      this.end = file.size();
    }

    @Override
    public ByteBuffer next(Batch batch) throws IOException {
      if (position >= end) {
        file.position(end);
        return ByteBuffer.allocate(0);
      }
      int length = (int) Math.min(batch.inBytes, end - position);
      if (window == null || position + length > windowStart + window.capacity()) {
        windowStart = position;
        window =
            file.map(
                FileChannel.MapMode.READ_ONLY,
                position,
                Math.min(32L * batch.inBytes, end - position));
      }
      ByteBuffer slice = window.slice((int) (position - windowStart), length);
      position += length;
      return slice;
    }
  }

  /**
   * One buffer of the ring, with its own cipher and segment-sized staging arrays (at most one task
   * works on a batch at a time). Direct buffers let the calling thread only move bytes between the
   * channels and the kernel; every copy in memory is then done by the workers.
   */
  private static final class Batch {
    final int inBytes;
    final ByteBuffer out;
    final SegmentWork work;
    ByteBuffer own;
    ByteBuffer in;
    byte[] stagingIn;
    byte[] stagingOut;
    CompletableFuture<Void> released;

    Batch(int inBytes, int outBytes, boolean directOut, SegmentWork work) {
      this.inBytes = inBytes;
      this.out = directOut ? ByteBuffer.allocateDirect(outBytes) : ByteBuffer.allocate(outBytes);
      this.work = work;
    }

    ByteBuffer own(boolean direct) {
      if (own == null) {
        own = direct ? ByteBuffer.allocateDirect(inBytes) : ByteBuffer.allocate(inBytes);
      }
      return own;
    }

    /** Seals or opens the batch's input into its output. */
    void process(int inSegment, long firstSegment) throws Crypt4ghException {
      ByteBuffer source = in.duplicate();
      out.clear();
      if (source.hasArray() && out.hasArray()) {
        int n =
            work.process(
                source.array(),
                source.arrayOffset() + source.position(),
                source.remaining(),
                out.array(),
                out.arrayOffset(),
                firstSegment);
        out.limit(n);
        return;
      }
      if (stagingIn == null) {
        stagingIn = new byte[Segments.CIPHER_SIZE];
        stagingOut = new byte[Segments.CIPHER_SIZE];
      }
      long index = firstSegment;
      while (source.hasRemaining()) {
        int length = Math.min(inSegment, source.remaining());
        source.get(stagingIn, 0, length);
        out.put(stagingOut, 0, work.process(stagingIn, 0, length, stagingOut, 0, index++));
      }
      out.flip();
    }
  }

  /** One body through the pipe. */
  private final class Run {
    private final int inSegment;
    private final int outSegment;
    private final Supplier<SegmentWork> works;
    private final List<Lane> inLanes;
    private final List<Lane> outLanes;
    private final WritableByteChannel sink;
    private final List<CompletableFuture<Void>> inChains = new ArrayList<>();
    private final List<CompletableFuture<Void>> outChains = new ArrayList<>();
    private final ArrayDeque<Batch> pending = new ArrayDeque<>();
    private int allocated;

    Run(
        int inSegment,
        int outSegment,
        Supplier<SegmentWork> works,
        List<Lane> inLanes,
        List<Lane> outLanes,
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

    long run(Source source) throws IOException {
      int batchBytes = inSegment * segmentsPerBatch;
      long total = 0;
      long segment = 0;
      try {
        while (true) {
          Batch batch = take();
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
        for (Batch batch : pending) { // after a failure: let this body's tasks end first
          batch.released.handle((value, error) -> null).join();
        }
      }
      return inSegment == Segments.PLAIN_SIZE ? total : Segments.plaintextLength(total);
    }

    /** A free batch: a new one while the ring is not full, else the oldest, once finished. */
    private Batch take() throws IOException {
      if (allocated < batchesInFlight) {
        allocated++;
        return new Batch(
            inSegment * segmentsPerBatch, outSegment * segmentsPerBatch, sink != null, works.get());
      }
      Batch oldest = pending.removeFirst();
      finish(oldest);
      return oldest;
    }

    private void submit(Batch batch, long firstSegment, long inPosition) {
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
        Lane lane = inLanes.get(i);
        ByteBuffer view = batch.in.duplicate();
        inChains.set(i, inChains.get(i).thenRunAsync(() -> feed(lane, view, inPosition), pool));
        parts.add(inChains.get(i));
      }
      for (int i = 0; i < outLanes.size(); i++) {
        Lane lane = outLanes.get(i);
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
    private void finish(Batch batch) throws IOException {
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

  private static void feed(Lane lane, ByteBuffer bytes, long position) {
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
