package io.lega.crypt4gh.body;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.crypt4gh.cipher.ChaCha20Poly1305;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A run of segments sealed at once: every segment its own nonce, and each opens again. */
class SegmentEncryptorTest {

  @Test
  void everySegmentOfARunHasItsOwnNonceAndOpens() throws Exception {
    byte[] key = ChaCha20Poly1305.newKey();
    SegmentEncryptor encryptor = new SegmentEncryptor(key);
    SegmentDecryptor decryptor = new SegmentDecryptor(List.of(DataEncryptionParameters.of(key)));
    Set<String> nonces = new HashSet<>();
    for (int plainLength : new int[] {3 * Segments.PLAIN_SIZE + 100, Segments.PLAIN_SIZE, 10}) {
      byte[] plain = new byte[plainLength];
      new Random(plainLength).nextBytes(plain);
      int segments = (plainLength + Segments.PLAIN_SIZE - 1) / Segments.PLAIN_SIZE;
      byte[] cipher = new byte[plainLength + segments * Segments.OVERHEAD];

      int sealed = encryptor.encryptSegments(plain, 0, plainLength, cipher, 0);

      assertThat(sealed).isEqualTo(cipher.length);
      for (int s = 0; s < segments; s++) {
        int at = s * Segments.CIPHER_SIZE;
        nonces.add(
            Arrays.toString(Arrays.copyOfRange(cipher, at, at + ChaCha20Poly1305.NONCE_LENGTH)));
      }
      byte[] back = new byte[plainLength];
      assertThat(decryptor.decryptSegments(cipher, 0, sealed, back, 0, 0)).isEqualTo(plainLength);
      assertThat(back).isEqualTo(plain);
    }
    assertThat(nonces).as("one nonce a segment, never repeated").hasSize(4 + 1 + 1);
  }
}
