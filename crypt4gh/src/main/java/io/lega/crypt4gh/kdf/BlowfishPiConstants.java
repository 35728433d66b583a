package io.lega.crypt4gh.kdf;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The initial Blowfish state (Schneier, 1993): the P-array followed by the four S-boxes, 1042 words
 * in all, are the consecutive hexadecimal digits of the fractional part of pi, 8 digits per word.
 *
 * <p>Rather than carrying a 1042-word table, the digits are computed once, on first use, with
 * Machin's formula {@code pi = 16 atan(1/5) - 4 atan(1/239)} in binary fixed-point arithmetic with
 * 64 guard bits (a few tens of milliseconds). The tests check the result against published words
 * and against BouncyCastle's {@code BlowfishEngine}.
 */
final class BlowfishPiConstants {
  /** Words in the P-array. */
  static final int P_WORDS = 18;

  /** Words in each of the four S-boxes. */
  static final int S_BOX_WORDS = 256;

  /** Words in the four S-boxes, stored one after the other. */
  static final int S_WORDS = 4 * S_BOX_WORDS;

  private static final int GUARD_BITS = 64;

  private BlowfishPiConstants() {}

  /** A fresh copy of the initial P-array. */
  static int[] initialP() {
    return Arrays.copyOfRange(Holder.PI_WORDS, 0, P_WORDS);
  }

  /** A fresh copy of the four initial S-boxes, S0 to S3, one after the other (1024 words). */
  static int[] initialS() {
    return Arrays.copyOfRange(Holder.PI_WORDS, P_WORDS, P_WORDS + S_WORDS);
  }

  /** Lazy, thread-safe initialisation: computed when first needed, then cached. */
  private static final class Holder {
    static final int[] PI_WORDS = piFractionWords(P_WORDS + S_WORDS);
  }

  /** The first {@code count} 32-bit words of the binary expansion of pi's fractional part. */
  static int[] piFractionWords(int count) {
    int bits = 32 * count;
    int precision = bits + GUARD_BITS;
    BigInteger pi =
        arctanOfInverse(5, precision)
            .shiftLeft(4)
            .subtract(arctanOfInverse(239, precision).shiftLeft(2));
    BigInteger fraction =
        pi.subtract(BigInteger.valueOf(3).shiftLeft(precision)).shiftRight(GUARD_BITS);
    int[] words = new int[count];
    for (int i = 0; i < count; i++) {
      words[i] = fraction.shiftRight(bits - 32 * (i + 1)).intValue();
    }
    return words;
  }

  /** {@code atan(1/x) * 2^precision}, by its alternating Taylor series, each term truncated. */
  private static BigInteger arctanOfInverse(int x, int precision) {
    BigInteger xSquared = BigInteger.valueOf((long) x * x);
    BigInteger power = BigInteger.ONE.shiftLeft(precision).divide(BigInteger.valueOf(x));
    BigInteger sum = power;
    for (long k = 1; power.signum() != 0; k++) {
      power = power.divide(xSquared);
      BigInteger term = power.divide(BigInteger.valueOf(2 * k + 1));
      sum = (k % 2 == 1) ? sum.subtract(term) : sum.add(term);
    }
    return sum;
  }
}
