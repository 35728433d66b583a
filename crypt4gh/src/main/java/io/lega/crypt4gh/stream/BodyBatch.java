package io.lega.crypt4gh.stream;

import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.Crypt4ghException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * One buffer of a {@link ParallelBodyPipe}'s ring, with its own cipher and segment-sized staging
 * arrays (at most one task works on a batch at a time). Direct buffers let the calling thread only
 * move bytes between the channels and the kernel; every copy in memory is then done by the workers.
 */
final class BodyBatch {
  /** Seals or opens a run of whole segments (the last may be short). */
  @FunctionalInterface
  interface SegmentWork {
    int process(byte[] in, int offset, int length, byte[] out, int outOffset, long firstIndex)
        throws Crypt4ghException;
  }

  final int inBytes;
  final ByteBuffer out;
  final SegmentWork work;
  ByteBuffer own;
  ByteBuffer in;
  byte[] stagingIn;
  byte[] stagingOut;
  CompletableFuture<Void> released;

  BodyBatch(int inBytes, int outBytes, boolean directOut, SegmentWork work) {
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
