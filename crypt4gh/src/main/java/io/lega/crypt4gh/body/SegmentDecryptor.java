package io.lega.crypt4gh.body;

import io.lega.crypt4gh.cipher.ChaCha20Poly1305;
import io.lega.crypt4gh.error.SegmentAuthenticationException;
import io.lega.crypt4gh.error.TruncatedException;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import java.util.List;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens and authenticates encrypted segments. A body may have been written with several data keys:
 * each segment is tried with the key that opened the previous one first, then with the others. Not
 * thread-safe: one per thread.
 */
public final class SegmentDecryptor {
  private final SecretKeySpec[] keys;
  private final ChaCha20Poly1305 aead = new ChaCha20Poly1305();
  private final byte[] nonce = new byte[ChaCha20Poly1305.NONCE_LENGTH];
  private int lastKey;

  public SegmentDecryptor(List<DataEncryptionParameters> dataKeys) {
    if (dataKeys.isEmpty()) {
      throw new IllegalArgumentException("at least one data key is needed");
    }
    this.keys =
        dataKeys.stream()
            .map(k -> ChaCha20Poly1305.keySpec(k.dataKey()))
            .toArray(SecretKeySpec[]::new);
  }

  /**
   * Decrypts one encrypted segment {@code in[offset, offset + length)} into {@code out}. Returns
   * the plaintext length.
   *
   * @param index the segment's index in the body, for the error message
   * @throws TruncatedException if the segment is too short to hold a nonce and a tag
   * @throws SegmentAuthenticationException if no data key authenticates it
   */
  public int decrypt(byte[] in, int offset, int length, byte[] out, int outOffset, long index)
      throws TruncatedException, SegmentAuthenticationException {
    if (length < Segments.OVERHEAD) {
      throw Segments.truncated(length);
    }
    System.arraycopy(in, offset, nonce, 0, nonce.length);
    int cipherOffset = offset + nonce.length;
    int cipherLength = length - nonce.length;
    for (int attempt = 0; attempt < keys.length; attempt++) {
      int k = (lastKey + attempt) % keys.length;
      int n = aead.open(keys[k], nonce, in, cipherOffset, cipherLength, out, outOffset);
      if (n >= 0) {
        lastKey = k;
        return n;
      }
    }
    throw new SegmentAuthenticationException(index);
  }

  /**
   * Decrypts a run of encrypted segments (every {@link Segments#CIPHER_SIZE} bytes but the last),
   * the first of which has index {@code firstIndex}. Returns the plaintext length.
   */
  public int decryptSegments(
      byte[] in, int offset, int length, byte[] out, int outOffset, long firstIndex)
      throws TruncatedException, SegmentAuthenticationException {
    int written = 0;
    long index = firstIndex;
    for (int done = 0; done < length; done += Segments.CIPHER_SIZE, index++) {
      int chunk = Math.min(Segments.CIPHER_SIZE, length - done);
      written += decrypt(in, offset + done, chunk, out, outOffset + written, index);
    }
    return written;
  }
}
