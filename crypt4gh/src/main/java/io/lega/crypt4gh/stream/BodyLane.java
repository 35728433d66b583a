package io.lega.crypt4gh.stream;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.PlaintextSelection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * An in-order consumer of one side of a body (its encrypted bytes or its plaintext) in a {@link
 * ParallelBodyPipe}: given every batch in order, one at a time, on the pipe's threads, beside the
 * other lanes and the decryption of later batches.
 */
@FunctionalInterface
public interface BodyLane {
  /**
   * @param bytes the batch's bytes (read them during the call; do not keep the buffer)
   * @param position where the batch starts in the stream it comes from
   */
  void accept(ByteBuffer bytes, long position) throws IOException;

  /** A lane feeding {@code digest} with every byte. */
  static BodyLane digest(MessageDigest digest) {
    return (bytes, position) -> digest.update(bytes);
  }

  /** This lane, given only the bytes {@code selection} keeps (positions are unchanged). */
  default BodyLane selecting(PlaintextSelection selection) {
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
