package io.lega.platform.digest;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds the same bytes to a few {@link MessageDigest}s on other threads, while the producer goes on
 * with its work (an SFTP write, a storage write): hashing no longer adds to it, and the digests run
 * in parallel with each other.
 *
 * <p>Each digest is a lane that hashes the chunks in the order given, one task at a time on the
 * shared executor. Memory stays bounded: {@link #update} copies (at most {@code maxPendingBytes}
 * copied bytes wait, beyond which it waits for the lanes), and {@link #hand} lends a buffer the
 * caller reuses only once its release runs; a slow digest slows the producer down rather than
 * falling behind.
 *
 * <p>Hashing always progresses: a task is queued, running, or, if the executor refuses it (shut
 * down), run by the caller; so nothing waits forever. Not thread-safe on the producing side: one
 * thread at a time gives the bytes.
 */
public final class PipelinedDigests {

  /** Bytes a lane hashes per task before it makes way for other streams' lanes. */
  private static final long BYTES_PER_TASK = 2 << 20;

  private final Executor executor;
  private final int maxPendingBytes;
  private final Semaphore room;
  private final List<Lane> lanes = new ArrayList<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final Object drained = new Object();

  /**
   * @param executor where the digests run ({@code Runnable::run} hashes in the caller)
   * @param maxPendingBytes copied bytes waiting to be hashed, at most (at least 1)
   * @param digests the digests to feed, each possibly updated already with a prefix
   */
  public PipelinedDigests(Executor executor, int maxPendingBytes, List<MessageDigest> digests) {
    if (maxPendingBytes < 1) {
      throw new IllegalArgumentException("maxPendingBytes must be positive");
    }
    this.executor = Objects.requireNonNull(executor, "executor");
    this.maxPendingBytes = maxPendingBytes;
    this.room = new Semaphore(maxPendingBytes);
    for (MessageDigest digest : digests) {
      lanes.add(new Lane(digest));
    }
  }

  /** A new digest of the JDK's, e.g. {@code "SHA-256"} or {@code "MD5"}. */
  public static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is missing from the JDK", e);
    }
  }

  /** Queues a copy of the bytes; waits while too many copied bytes are waiting already. */
  public void update(byte[] data, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, data.length);
    for (int at = offset, end = offset + length; at < end; ) {
      int take = Math.min(end - at, maxPendingBytes);
      room.acquireUninterruptibly(take);
      hand(Arrays.copyOfRange(data, at, at + take), 0, take, () -> room.release(take));
      at += take;
    }
  }

  /**
   * Queues the bytes without copying them: they must stay unchanged until {@code release} runs,
   * once every digest has hashed them (at once if there are no digests or no bytes).
   */
  public void hand(byte[] data, int offset, int length, Runnable release) {
    if (lanes.isEmpty() || length == 0) {
      release.run();
      return;
    }
    Chunk chunk = new Chunk(data, offset, length, lanes.size(), release);
    for (Lane lane : lanes) {
      pending.incrementAndGet();
      lane.add(chunk);
    }
  }

  /**
   * Waits until every byte given has been hashed by every digest, and returns their results, in the
   * order of the constructor's list. Call once, at the end.
   */
  public List<byte[]> digests() throws InterruptedIOException {
    synchronized (drained) {
      while (pending.get() > 0) {
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

  /** Bytes given to the lanes, released when every lane has hashed them. */
  private record Chunk(byte[] data, int offset, int length, AtomicInteger users, Runnable release) {
    Chunk(byte[] data, int offset, int length, int users, Runnable release) {
      this(data, offset, length, new AtomicInteger(users), release);
    }

    void hashedBy(MessageDigest digest) {
      digest.update(data, offset, length);
      if (users.decrementAndGet() == 0) {
        release.run();
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
      synchronized (this) {
        Chunk chunk;
        for (long bytes = 0; bytes < BYTES_PER_TASK && (chunk = queue.poll()) != null; ) {
          chunk.hashedBy(digest);
          bytes += chunk.length();
          if (pending.decrementAndGet() == 0) {
            synchronized (drained) {
              drained.notifyAll();
            }
          }
        }
      }
      scheduled.set(false);
      if (!queue.isEmpty()) {
        schedule();
      }
    }
  }
}
