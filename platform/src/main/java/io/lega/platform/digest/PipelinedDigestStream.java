package io.lega.platform.digest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Passes a source through, reading it in large chunks, while each chunk is also hashed by {@link
 * PipelinedDigests} on other threads: the reader (a storage write) never waits for hashing. A
 * chunk's buffer is reused once the reader and every digest are done with it; at most {@code
 * maxChunks} buffers exist, so memory is bounded. Not thread-safe on the reading side (one reader,
 * as a storage write is).
 */
public final class PipelinedDigestStream extends InputStream {

  private final InputStream source;
  private final PipelinedDigests digests;
  private final int chunkSize;
  private final int maxChunks;
  private final BlockingQueue<byte[]> free = new LinkedBlockingQueue<>();
  private int allocated;
  private byte[] current;
  private Runnable currentRelease;
  private int length;
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
  public PipelinedDigestStream(
      InputStream source,
      Executor executor,
      int chunkSize,
      int maxChunks,
      List<MessageDigest> digests) {
    if (chunkSize < 1 || maxChunks < 1) {
      throw new IllegalArgumentException("chunk size and chunks in flight must be positive");
    }
    this.source = Objects.requireNonNull(source, "source");
    this.digests = new PipelinedDigests(executor, chunkSize, digests);
    this.chunkSize = chunkSize;
    this.maxChunks = maxChunks;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] out, int offset, int wanted) throws IOException {
    Objects.checkFromIndexSize(offset, wanted, out.length);
    if (wanted == 0) {
      return 0;
    }
    if (current == null || position == length) {
      release();
      if (eof || !nextChunk()) {
        return -1;
      }
    }
    int n = Math.min(wanted, length - position);
    System.arraycopy(current, position, out, offset, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return current == null ? 0 : length - position;
  }

  /** Reads the next chunk of the source and hands it to the digests; false at the end. */
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
    AtomicInteger users = new AtomicInteger(2); // the reader and the digests
    Runnable back =
        () -> {
          if (users.decrementAndGet() == 0) {
            free.add(buffer);
          }
        };
    digests.hand(buffer, 0, n, back);
    current = buffer;
    currentRelease = back;
    length = n;
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
    return eof && (current == null || position == length);
  }

  /**
   * Waits until every byte read so far has been hashed by every digest, and returns their results,
   * in the order of the constructor's list. Call once, after the last read.
   */
  public List<byte[]> digests() throws InterruptedIOException {
    release();
    return digests.digests();
  }

  /** Does not close the source (the caller opened it). */
  @Override
  public void close() {
    release();
  }

  private void release() {
    if (current != null) {
      currentRelease.run();
      current = null;
      currentRelease = null;
    }
  }
}
