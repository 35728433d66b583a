package io.lega.platform.digest.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ingest's archived-body digest stream as it was before the one engine (commit e3c8957), kept only
 * for {@link DigestBenchmark} to compare with.
 *
 * <p>Passes a source through, reading it in large chunks, while each chunk is also fed to a few
 * {@link MessageDigest}s on other threads: the reader (a storage write) never waits for hashing,
 * and the digests run in parallel with each other.
 *
 * <p>Each digest is a lane that hashes the chunks in order, one task at a time on the shared
 * executor. A chunk's buffer is reused once the reader and every lane are done with it; at most
 * {@code chunksInFlight} buffers exist, so memory is bounded and a slow digest slows the reader
 * down rather than falling behind. Not thread-safe on the reading side (one reader, as a storage
 * write is).
 */
final class BasePipelinedDigestStream extends InputStream {

  /** Chunks a lane hashes per task before it makes way for other files' lanes. */
  private static final int CHUNKS_PER_TASK = 16;

  private final InputStream source;
  private final Executor executor;
  private final int chunkSize;
  private final int maxChunks;
  private final List<Lane> lanes = new ArrayList<>();
  private final BlockingQueue<byte[]> free = new LinkedBlockingQueue<>();
  private final AtomicInteger pendingTasks = new AtomicInteger();
  private final Object drained = new Object();
  private int allocated;
  private Chunk current;
  private int position;
  private boolean eof;
  private long count;

  /**
   * @param source the bytes to pass through (not closed by this stream)
   * @param executor where the digests run ({@code Runnable::run} hashes in the reader's thread)
   * @param chunkSize bytes read from the source at a time
   * @param maxChunks buffers in flight at most (at least 1)
   * @param digests the digests to feed with every byte, each possibly updated already with a prefix
   *     (e.g. the file's header)
   */
  BasePipelinedDigestStream(
      InputStream source,
      Executor executor,
      int chunkSize,
      int maxChunks,
      List<MessageDigest> digests) {
    if (chunkSize < 1 || maxChunks < 1) {
      throw new IllegalArgumentException("chunk size and chunks in flight must be positive");
    }
    this.source = Objects.requireNonNull(source, "source");
    this.executor = Objects.requireNonNull(executor, "executor");
    this.chunkSize = chunkSize;
    this.maxChunks = maxChunks;
    for (MessageDigest digest : digests) {
      lanes.add(new Lane(digest));
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] out, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, out.length);
    if (length == 0) {
      return 0;
    }
    if (current == null || position == current.length) {
      if (current != null) {
        current.release();
        current = null;
      }
      if (eof || !nextChunk()) {
        return -1;
      }
    }
    int n = Math.min(length, current.length - position);
    System.arraycopy(current.data, position, out, offset, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return current == null ? 0 : current.length - position;
  }

  /** Reads the next chunk of the source and hands it to the lanes; false at the end. */
  private boolean nextChunk() throws IOException {
    byte[] buffer = takeBuffer();
    int n = source.readNBytes(buffer, 0, buffer.length);
    if (n < buffer.length) {
      eof = true; // readNBytes returns less only at the end of the source
    }
    if (n == 0) {
      free.add(buffer);
      return false;
    }
    count += n;
    Chunk chunk = new Chunk(buffer, n, lanes.size() + 1);
    for (Lane lane : lanes) {
      lane.add(chunk);
    }
    current = chunk;
    position = 0;
    return true;
  }

  private byte[] takeBuffer() throws IOException {
    byte[] buffer = free.poll();
    if (buffer != null) {
      return buffer;
    }
    if (allocated < maxChunks) {
      allocated++;
      return new byte[chunkSize];
    }
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for the digests");
    }
  }

  /** Bytes read from the source so far. */
  public long count() {
    return count;
  }

  /** Whether the source was read to its end. */
  public boolean atEnd() {
    return eof && (current == null || position == current.length);
  }

  /**
   * Waits until every byte read so far has been hashed by every lane, and returns the digests'
   * results, in the order of the constructor's list. Call once, after the last read.
   */
  public List<byte[]> digests() throws InterruptedIOException {
    if (current != null) {
      current.release();
      current = null;
    }
    synchronized (drained) {
      while (pendingTasks.get() > 0) {
        try {
          drained.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the digests");
        }
      }
    }
    List<byte[]> results = new ArrayList<>();
    for (Lane lane : lanes) {
      synchronized (lane) { // the lanes' last updates happen-before this
        results.add(lane.digest.digest());
      }
    }
    return results;
  }

  /** Does not close the source (the caller opened it). */
  @Override
  public void close() {
    if (current != null) {
      current.release();
      current = null;
    }
  }

  /** One buffer of source bytes, released when the reader and every lane are done with it. */
  private final class Chunk {
    final byte[] data;
    final int length;
    final AtomicInteger users;

    Chunk(byte[] data, int length, int users) {
      this.data = data;
      this.length = length;
      this.users = new AtomicInteger(users);
    }

    void release() {
      if (users.decrementAndGet() == 0) {
        free.add(data);
      }
    }
  }

  /** One digest, fed the chunks in order by at most one task at a time. */
  private final class Lane {
    final MessageDigest digest;
    final Queue<Chunk> queue = new ConcurrentLinkedQueue<>();
    final AtomicBoolean scheduled = new AtomicBoolean();

    Lane(MessageDigest digest) {
      this.digest = digest;
    }

    void add(Chunk chunk) {
      pendingTasks.incrementAndGet();
      queue.add(chunk);
      schedule();
    }

    private void schedule() {
      if (scheduled.compareAndSet(false, true)) {
        try {
          executor.execute(this::drain);
        } catch (RejectedExecutionException e) {
          drain(); // the pool is shut down (the service is stopping): hash here, never hang
        }
      }
    }

    private void drain() {
      Chunk chunk;
      synchronized (this) {
        for (int n = 0; n < CHUNKS_PER_TASK && (chunk = queue.poll()) != null; n++) {
          digest.update(chunk.data, 0, chunk.length);
          chunk.release();
          done();
        }
      }
      scheduled.set(false);
      if (!queue.isEmpty()) {
        schedule();
      }
    }

    private void done() {
      if (pendingTasks.decrementAndGet() == 0) {
        synchronized (drained) {
          drained.notifyAll();
        }
      }
    }
  }
}
