package io.lega.platform.digest.bench;

import io.lega.platform.digest.PipelinedDigests;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The inbox's upload digests as they were before the one engine (commit e3c8957: {@code
 * sftp/PipelinedDigests} over {@code sftp/Digests}), kept only for {@link DigestBenchmark} to
 * compare with.
 *
 * <p>The SHA-256 and MD5 of one upload, computed on a shared pool while the SFTP thread goes on
 * writing: hashing (about 1.7 ns a byte for both) no longer adds to each write's turnaround, which
 * the client waits for. Bytes are hashed in the order given, one task at a time per upload; at most
 * {@value #MAX_PENDING_BYTES} bytes wait (copied, since MINA reuses its buffers), beyond which
 * {@link #update} waits for the pool: memory stays bounded, and a slow pool slows the upload down
 * rather than falling behind.
 *
 * <p>Hashing always progresses: a task is queued on the pool, running, or, if the pool refuses it
 * (shut down), run by the caller; so {@link #update} and {@link #checksums} never wait forever. Not
 * thread-safe on the producing side: one thread at a time calls them (MINA handles the SFTP
 * requests of a session one at a time).
 */
final class BaseInboxDigests {

  /** Bytes copied and waiting to be hashed, at most; the SSH channel's window is 2 MiB. */
  static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;

  /** Chunks hashed per task before the task makes way for other uploads' on the pool. */
  private static final int CHUNKS_PER_TASK = 64;

  private final Executor executor;
  private final MessageDigest sha256 = PipelinedDigests.digest("SHA-256");
  private final MessageDigest md5 = PipelinedDigests.digest("MD5");
  private final Queue<byte[]> chunks = new ConcurrentLinkedQueue<>();
  private final Semaphore room = new Semaphore(MAX_PENDING_BYTES);
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /**
   * @param executor where hashing runs ({@code Runnable::run} hashes in the caller)
   */
  BaseInboxDigests(Executor executor) {
    this.executor = executor;
  }

  /** Queues a copy of the bytes for hashing; waits while too many bytes are waiting already. */
  void update(byte[] data, int offset, int length) {
    if (length <= 0) {
      return;
    }
    int end = offset + length;
    for (int at = offset; at < end; ) {
      int take = Math.min(end - at, MAX_PENDING_BYTES);
      room.acquireUninterruptibly(take);
      chunks.add(Arrays.copyOfRange(data, at, at + take));
      at += take;
      schedule();
    }
  }

  /** The checksums of every byte given, once they are all hashed. Call once, at the end. */
  /** The SHA-256 and the MD5. */
  byte[][] checksums() {
    // all the room back means every chunk has been hashed (and the digests' state is visible here)
    room.acquireUninterruptibly(MAX_PENDING_BYTES);
    try {
      return new byte[][] {sha256.digest(), md5.digest()};
    } finally {
      room.release(MAX_PENDING_BYTES);
    }
  }

  private void schedule() {
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        drain(); // the pool is shut down (the server is stopping): hash here, never hang
      }
    }
  }

  private void drain() {
    byte[] chunk;
    for (int n = 0; n < CHUNKS_PER_TASK && (chunk = chunks.poll()) != null; n++) {
      sha256.update(chunk, 0, chunk.length); // what inbox's Digests.update did
      md5.update(chunk, 0, chunk.length);
      room.release(chunk.length);
    }
    scheduled.set(false);
    if (!chunks.isEmpty()) {
      schedule();
    }
  }
}
