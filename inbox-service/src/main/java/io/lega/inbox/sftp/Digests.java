package io.lega.inbox.sftp;

import io.lega.inbox.notify.FileChecksums;
import io.lega.platform.digest.PipelinedDigests;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The SHA-256 and MD5 of one upload, computed by {@link PipelinedDigests} on a shared pool while
 * the SFTP thread goes on writing: hashing no longer adds to each write's turnaround, which the
 * client waits for. At most {@value #MAX_PENDING_BYTES} bytes wait (copied, since MINA reuses its
 * buffers), beyond which {@link #update} waits for the pool. One thread at a time calls it (MINA
 * handles the SFTP requests of a session one at a time).
 */
final class Digests {

  /** Bytes copied and waiting to be hashed, at most; the SSH channel's window is 2 MiB. */
  static final int MAX_PENDING_BYTES = 4 * 1024 * 1024;

  private final PipelinedDigests digests;

  /** Digests computed in the caller's thread. */
  Digests() {
    this(Runnable::run);
  }

  /**
   * @param executor where hashing runs ({@code Runnable::run} hashes in the caller)
   */
  Digests(Executor executor) {
    this.digests =
        new PipelinedDigests(
            executor,
            MAX_PENDING_BYTES,
            List.of(PipelinedDigests.digest("SHA-256"), PipelinedDigests.digest("MD5")));
  }

  /** Queues a copy of the bytes for hashing; waits while too many bytes are waiting already. */
  void update(byte[] data, int offset, int length) {
    digests.update(data, offset, length);
  }

  /** The checksums of every byte given, once they are all hashed. Call once, at the end. */
  FileChecksums checksums() throws IOException {
    HexFormat hex = HexFormat.of();
    List<byte[]> results = digests.digests();
    return new FileChecksums(hex.formatHex(results.get(0)), hex.formatHex(results.get(1)));
  }

  /**
   * Hashes a whole file, and keeps its first {@code head.length} bytes in {@code head}.
   *
   * @return how many bytes of {@code head} were filled
   */
  int hashFile(Path file, byte[] head) throws IOException {
    int headLength = 0;
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        update(buffer, 0, n);
        int take = Math.min(n, head.length - headLength);
        if (take > 0) {
          System.arraycopy(buffer, 0, head, headLength, take);
          headLength += take;
        }
      }
    }
    return headLength;
  }
}
