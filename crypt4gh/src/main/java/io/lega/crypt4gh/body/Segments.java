package io.lega.crypt4gh.body;

import io.lega.crypt4gh.cipher.ChaCha20Poly1305;
import io.lega.crypt4gh.error.TruncatedException;

/** The body's fixed geometry: 64 KiB plaintext segments, each sealed as nonce, ciphertext, tag. */
public final class Segments {
  /** Plaintext bytes in every segment but the last. */
  public static final int PLAIN_SIZE = 65536;

  /** Bytes a segment adds: its nonce and its tag. */
  public static final int OVERHEAD = ChaCha20Poly1305.NONCE_LENGTH + ChaCha20Poly1305.TAG_LENGTH;

  /** Encrypted bytes in every segment but the last. */
  public static final int CIPHER_SIZE = PLAIN_SIZE + OVERHEAD;

  private Segments() {}

  /** Index of the segment holding plaintext byte {@code position}. */
  public static long indexOf(long position) {
    return position / PLAIN_SIZE;
  }

  /** Offset in the encrypted body where segment {@code index} starts. */
  public static long cipherOffset(long index) {
    return index * CIPHER_SIZE;
  }

  /** Plaintext length of an encrypted body of {@code bodyLength} bytes. */
  public static long plaintextLength(long bodyLength) throws TruncatedException {
    long full = bodyLength / CIPHER_SIZE;
    long rest = bodyLength % CIPHER_SIZE;
    if (rest > 0 && rest < OVERHEAD) {
      throw truncated(rest);
    }
    return full * PLAIN_SIZE + (rest == 0 ? 0 : rest - OVERHEAD);
  }

  /** Encrypted length of a body holding {@code plaintextLength} bytes. */
  public static long cipherLength(long plaintextLength) {
    long full = plaintextLength / PLAIN_SIZE;
    long rest = plaintextLength % PLAIN_SIZE;
    return full * CIPHER_SIZE + (rest == 0 ? 0 : rest + OVERHEAD);
  }

  static TruncatedException truncated(long trailingBytes) {
    return new TruncatedException(
        "the file is truncated: it ends with a segment of "
            + trailingBytes
            + " bytes, too short to hold a nonce and an authentication tag");
  }
}
