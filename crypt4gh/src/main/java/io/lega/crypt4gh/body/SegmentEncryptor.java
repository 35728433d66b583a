package io.lega.crypt4gh.body;

import io.lega.crypt4gh.cipher.ChaCha20Poly1305;
import javax.crypto.spec.SecretKeySpec;

/** Seals plaintext segments with one data key. Not thread-safe: one per thread. */
public final class SegmentEncryptor {
  private final SecretKeySpec key;
  private final ChaCha20Poly1305 aead = new ChaCha20Poly1305();
  private final byte[] nonce = new byte[ChaCha20Poly1305.NONCE_LENGTH];
  private byte[] nonces = new byte[0];

  public SegmentEncryptor(byte[] dataKey) {
    this.key = ChaCha20Poly1305.keySpec(dataKey);
  }

  /**
   * Encrypts one segment of at most {@link Segments#PLAIN_SIZE} bytes into {@code out}: nonce,
   * ciphertext, tag. Returns the bytes written.
   */
  public int encrypt(byte[] in, int offset, int length, byte[] out, int outOffset) {
    ChaCha20Poly1305.newNonce(nonce, 0);
    return seal(nonce, 0, in, offset, length, out, outOffset);
  }

  /**
   * Encrypts a run of segments: every {@link Segments#PLAIN_SIZE} bytes but the last. The nonces of
   * the run are drawn from the random generator in one call, not one call a segment (the generator
   * is shared by every thread, behind a lock).
   */
  public int encryptSegments(byte[] in, int offset, int length, byte[] out, int outOffset) {
    int segments = (length + Segments.PLAIN_SIZE - 1) / Segments.PLAIN_SIZE;
    if (nonces.length != segments * ChaCha20Poly1305.NONCE_LENGTH) {
      nonces = new byte[segments * ChaCha20Poly1305.NONCE_LENGTH];
    }
    ChaCha20Poly1305.newNonces(nonces);
    int written = 0;
    for (int done = 0, segment = 0; done < length; done += Segments.PLAIN_SIZE, segment++) {
      int chunk = Math.min(Segments.PLAIN_SIZE, length - done);
      written +=
          seal(
              nonces,
              segment * ChaCha20Poly1305.NONCE_LENGTH,
              in,
              offset + done,
              chunk,
              out,
              outOffset + written);
    }
    return written;
  }

  private int seal(
      byte[] nonces,
      int nonceOffset,
      byte[] in,
      int offset,
      int length,
      byte[] out,
      int outOffset) {
    if (length > Segments.PLAIN_SIZE) {
      throw new IllegalArgumentException(
          "a segment holds at most " + Segments.PLAIN_SIZE + " bytes");
    }
    System.arraycopy(nonces, nonceOffset, out, outOffset, ChaCha20Poly1305.NONCE_LENGTH);
    if (nonces != nonce) {
      System.arraycopy(nonces, nonceOffset, nonce, 0, ChaCha20Poly1305.NONCE_LENGTH);
    }
    return ChaCha20Poly1305.NONCE_LENGTH
        + aead.seal(key, nonce, in, offset, length, out, outOffset + ChaCha20Poly1305.NONCE_LENGTH);
  }
}
