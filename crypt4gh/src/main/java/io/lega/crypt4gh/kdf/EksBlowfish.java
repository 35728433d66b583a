package io.lega.crypt4gh.kdf;

/**
 * A Blowfish cipher whose key schedule is exposed step by step, as bcrypt's "expensive key
 * schedule" (Eksblowfish, Provos and Mazières 1999) needs it: start from the pi state, then mix in
 * a key and, optionally, a salt, as many times as wanted.
 *
 * <p>Keys and salts are read as a cyclic stream of big-endian 32-bit words, as in OpenBSD's {@code
 * Blowfish_stream2word}. {@link #expand0State(byte[])} on a fresh instance is exactly the standard
 * Blowfish key schedule. Not thread-safe; one instance per computation.
 */
final class EksBlowfish {
  private static final int ROUNDS = 16;

  private final int[] p = BlowfishPiConstants.initialP();
  private final int[] s = BlowfishPiConstants.initialS();

  /**
   * OpenBSD's {@code Blowfish_expandstate}: XOR {@code key} into the P-array, then replace the
   * P-array and the S-boxes with successive encryptions of a block chained with {@code salt}.
   */
  void expandState(byte[] salt, byte[] key) {
    rekey(key, new CyclicWords(salt));
  }

  /** OpenBSD's {@code Blowfish_expand0state}: {@link #expandState} without a salt. */
  void expand0State(byte[] key) {
    rekey(key, null);
  }

  /**
   * Encrypts in place the 64-bit block held in {@code block[offset]} (left half) and {@code
   * block[offset + 1]} (right half).
   */
  void encipher(int[] block, int offset) {
    int left = block[offset] ^ p[0];
    int right = block[offset + 1];
    for (int i = 1; i <= ROUNDS; i += 2) {
      right ^= f(left) ^ p[i];
      left ^= f(right) ^ p[i + 1];
    }
    block[offset] = right ^ p[ROUNDS + 1];
    block[offset + 1] = left;
  }

  private void rekey(byte[] key, CyclicWords salt) {
    CyclicWords keyWords = new CyclicWords(key);
    for (int i = 0; i < p.length; i++) {
      p[i] ^= keyWords.next();
    }
    int[] block = new int[2];
    fill(p, block, salt);
    fill(s, block, salt);
  }

  private void fill(int[] target, int[] block, CyclicWords salt) {
    for (int i = 0; i < target.length; i += 2) {
      if (salt != null) {
        block[0] ^= salt.next();
        block[1] ^= salt.next();
      }
      encipher(block, 0);
      target[i] = block[0];
      target[i + 1] = block[1];
    }
  }

  private int f(int x) {
    int a = s[x >>> 24];
    int b = s[BlowfishPiConstants.S_BOX_WORDS | ((x >>> 16) & 0xff)];
    int c = s[2 * BlowfishPiConstants.S_BOX_WORDS | ((x >>> 8) & 0xff)];
    int d = s[3 * BlowfishPiConstants.S_BOX_WORDS | (x & 0xff)];
    return ((a + b) ^ c) + d;
  }

  /** Reads bytes as big-endian 32-bit words, wrapping around at the end. */
  private static final class CyclicWords {
    private final byte[] bytes;
    private int position;

    CyclicWords(byte[] bytes) {
      if (bytes.length == 0) {
        throw new IllegalArgumentException("Blowfish key and salt must not be empty");
      }
      this.bytes = bytes;
    }

    int next() {
      int word = 0;
      for (int i = 0; i < 4; i++) {
        word = (word << 8) | (bytes[position] & 0xff);
        position = (position + 1) % bytes.length;
      }
      return word;
    }
  }
}
