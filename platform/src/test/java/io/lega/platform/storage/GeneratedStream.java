package io.lega.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * A deterministic pseudo-random stream of a given length, made as it is read (nothing is kept),
 * that computes its own SHA-256 on the way. It can fail after a number of bytes, and report
 * progress every {@link #PROGRESS_STEP} bytes.
 */
final class GeneratedStream extends InputStream {
  static final long PROGRESS_STEP = 1024 * 1024;

  private final long length;
  private final MessageDigest digest = sha256();
  private long state;
  private long word;
  private int wordBytesLeft;
  private long produced;
  private long failAfter = -1;
  private IOException failure;
  private LongConsumer progress = p -> {};
  private long nextProgress = PROGRESS_STEP;
  private boolean closed;

  GeneratedStream(long seed, long length) {
    this.length = length;
    this.state = seed == 0 ? 0x9E3779B97F4A7C15L : seed;
  }

  /** Throws {@code failure} from the read that would go past {@code bytes}. */
  GeneratedStream failingAfter(long bytes, IOException failure) {
    this.failAfter = bytes;
    this.failure = failure;
    return this;
  }

  /** Calls {@code listener} with the bytes produced so far each time another step is produced. */
  GeneratedStream onProgress(LongConsumer listener) {
    this.progress = listener;
    return this;
  }

  /** The bytes at {@code [offset, offset + count)} of the stream for this seed. */
  static byte[] slice(long seed, long offset, int count) throws IOException {
    try (GeneratedStream stream = new GeneratedStream(seed, offset + count)) {
      stream.skipNBytes(offset);
      return stream.readNBytes(count);
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int count) throws IOException {
    if (count == 0) {
      return 0;
    }
    if (failAfter >= 0 && produced + count > failAfter) {
      int allowed = (int) (failAfter - produced);
      if (allowed <= 0) {
        throw failure;
      }
      count = allowed;
    }
    long left = length - produced;
    if (left <= 0) {
      return -1;
    }
    int n = (int) Math.min(count, left);
    for (int i = 0; i < n; i++) {
      if (wordBytesLeft == 0) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
        word = state;
        wordBytesLeft = 8;
      }
      buffer[offset + i] = (byte) word;
      word >>>= 8;
      wordBytesLeft--;
    }
    digest.update(buffer, offset, n);
    produced += n;
    while (produced >= nextProgress) {
      progress.accept(produced);
      nextProgress += PROGRESS_STEP;
    }
    return n;
  }

  @Override
  public void close() {
    closed = true;
  }

  boolean closed() {
    return closed;
  }

  long produced() {
    return produced;
  }

  /** The SHA-256 of the bytes produced so far, in hex. */
  String sha256Hex() {
    try {
      return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
    } catch (CloneNotSupportedException e) {
      throw new AssertionError(e);
    }
  }

  /** Reads {@code in} to its end and closes it; answers its length and SHA-256. */
  static Content digestOf(InputStream in) throws IOException {
    MessageDigest digest = sha256();
    long total = 0;
    try (in) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
        total += n;
      }
    }
    return new Content(total, HexFormat.of().formatHex(digest.digest()));
  }

  /** A length and a SHA-256 in hex. */
  record Content(long length, String sha256) {}

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
