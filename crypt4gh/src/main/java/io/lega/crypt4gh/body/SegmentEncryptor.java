package io.lega.crypt4gh.body;

import io.lega.crypt4gh.cipher.ChaCha20Poly1305;
import javax.crypto.spec.SecretKeySpec;

/** Seals plaintext segments with one data key. Not thread-safe: one per thread. */
public final class SegmentEncryptor {
  private final SecretKeySpec key;
  private final ChaCha20Poly1305 aead = new ChaCha20Poly1305();
  private final byte[] nonce = new byte[ChaCha20Poly1305.NONCE_LENGTH];

  public SegmentEncryptor(byte[] dataKey) {
    this.key = ChaCha20Poly1305.keySpec(dataKey);
  }

  /**
   * Encrypts one segment of at most {@link Segments#PLAIN_SIZE} bytes into {@code out}: nonce,
   * ciphertext, tag. Returns the bytes written.
   */
  public int encrypt(byte[] in, int offset, int length, byte[] out, int outOffset) {
    if (length > Segments.PLAIN_SIZE) {
      throw new IllegalArgumentException(
          "a segment holds at most " + Segments.PLAIN_SIZE + " bytes");
    }
    ChaCha20Poly1305.newNonce(nonce, 0);
    System.arraycopy(nonce, 0, out, outOffset, nonce.length);
    return nonce.length + aead.seal(key, nonce, in, offset, length, out, outOffset + nonce.length);
  }

  /** Encrypts a run of segments: every {@link Segments#PLAIN_SIZE} bytes but the last. */
  public int encryptSegments(byte[] in, int offset, int length, byte[] out, int outOffset) {
    int written = 0;
    for (int done = 0; done < length; done += Segments.PLAIN_SIZE) {
      int chunk = Math.min(Segments.PLAIN_SIZE, length - done);
      written += encrypt(in, offset + done, chunk, out, outOffset + written);
    }
    return written;
  }
}
