package io.lega.crypt4gh.kdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.engines.BlowfishEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EksBlowfishTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void piConstantsStartAndEndWithThePublishedWords() {
    int[] p = BlowfishPiConstants.initialP();
    int[] s = BlowfishPiConstants.initialS();
    assertThat(p).hasSize(18);
    assertThat(s).hasSize(1024);
    assertThat(p[0]).isEqualTo(0x243f6a88);
    assertThat(p[1]).isEqualTo(0x85a308d3);
    assertThat(p[17]).isEqualTo(0x8979fb1b);
    assertThat(s[0]).isEqualTo(0xd1310ba6); // S0[0]
    assertThat(s[256]).isEqualTo(0x4b7a70e9); // S1[0]
    assertThat(s[512]).isEqualTo(0xe93d5a68); // S2[0]
    assertThat(s[768]).isEqualTo(0x3a39ce37); // S3[0]
    assertThat(s[1023]).isEqualTo(0x3ac372e6); // S3[255]
  }

  @Test
  void initialStateIsCopiedEachTime() {
    int[] first = BlowfishPiConstants.initialP();
    first[0] = 0;
    assertThat(BlowfishPiConstants.initialP()[0]).isEqualTo(0x243f6a88);
  }

  /** Eric Young's published Blowfish vectors (ECB). */
  @ParameterizedTest
  @CsvSource({
    "0000000000000000, 0000000000000000, 4ef997456198dd78",
    "ffffffffffffffff, ffffffffffffffff, 51866fd5b85ecb8a",
    "0123456789abcdef, 1111111111111111, 61f9c3802281b096",
  })
  void standardKeyScheduleMatchesPublishedVectors(String key, String plain, String cipher) {
    assertThat(encrypt(HEX.parseHex(key), HEX.parseHex(plain))).isEqualTo(HEX.parseHex(cipher));
  }

  /** Checks every word of the computed pi tables, through whole-cipher agreement. */
  @Test
  void agreesWithBouncyCastleBlowfishOnRandomKeysAndBlocks() {
    Random random = new Random(20240601);
    for (int trial = 0; trial < 200; trial++) {
      byte[] key = new byte[4 + random.nextInt(53)];
      byte[] block = new byte[8];
      random.nextBytes(key);
      random.nextBytes(block);
      BlowfishEngine engine = new BlowfishEngine();
      engine.init(true, new KeyParameter(key));
      byte[] expected = new byte[8];
      engine.processBlock(block, 0, expected, 0);
      assertThat(encrypt(key, block)).as("key %s", HEX.formatHex(key)).isEqualTo(expected);
    }
  }

  @Test
  void refusesAnEmptyKey() {
    assertThatThrownBy(() -> new EksBlowfish().expand0State(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] encrypt(byte[] key, byte[] block) {
    EksBlowfish blowfish = new EksBlowfish();
    blowfish.expand0State(key);
    int[] words = {bigEndian(block, 0), bigEndian(block, 4)};
    blowfish.encipher(words, 0);
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (words[i / 4] >>> (24 - 8 * (i % 4)));
    }
    return out;
  }

  private static int bigEndian(byte[] bytes, int offset) {
    return ((bytes[offset] & 0xff) << 24)
        | ((bytes[offset + 1] & 0xff) << 16)
        | ((bytes[offset + 2] & 0xff) << 8)
        | (bytes[offset + 3] & 0xff);
  }
}
