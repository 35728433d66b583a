package io.lega.verify.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.body.PlaintextSelection;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.SegmentAuthenticationException;
import io.lega.crypt4gh.error.TruncatedException;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The decryption and hashing pipeline on its own, with bodies made by the crypt4gh module. */
class BodyVerifierTest {

  private final Random random = new Random(42);
  private final byte[] dataKey = bytes(32);
  private final List<DataEncryptionParameters> keys = List.of(DataEncryptionParameters.of(dataKey));
  private final BodyVerifier verifier = new BodyVerifier(2, 3);

  @AfterEach
  void close() {
    verifier.close();
  }

  @Test
  void sizesAroundBatchAndSegmentBoundariesGiveTheDigestsOfThePlaintextAndTheBody()
      throws Exception {
    int batch = BodyVerifier.SEGMENTS_PER_BATCH * Segments.PLAIN_SIZE;
    for (int size :
        new int[] {
          0,
          1,
          Segments.PLAIN_SIZE,
          Segments.PLAIN_SIZE + 1,
          batch - 1,
          batch,
          batch + 1,
          7 * batch + 12_345
        }) {
      byte[] plain = bytes(size);
      byte[] body = encrypt(plain);

      BodyVerifier.Result result =
          verifier.verify(new ByteArrayInputStream(body), keys, PlaintextSelection.all());

      assertThat(result.plaintextSize()).as("size %d", size).isEqualTo(size);
      assertThat(result.sha256()).as("size %d", size).isEqualTo(hex("SHA-256", plain));
      assertThat(result.md5()).as("size %d", size).isEqualTo(hex("MD5", plain));
      assertThat(result.bodySize()).isEqualTo(body.length);
      assertThat(result.bodySha256()).isEqualTo(hex("SHA-256", body));
    }
  }

  @Test
  void anEditListSelectsWhatIsHashedEvenAcrossBatches() throws Exception {
    int batch = BodyVerifier.SEGMENTS_PER_BATCH * Segments.PLAIN_SIZE;
    byte[] plain = bytes(3 * batch);
    DataEditList edits = DataEditList.of(10, batch, 100, 5, batch / 2); // odd: keeps the rest
    byte[] kept =
        concat(
            Arrays.copyOfRange(plain, 10, 10 + batch),
            Arrays.copyOfRange(plain, batch + 110, batch + 115),
            Arrays.copyOfRange(plain, batch + 115 + batch / 2, plain.length));

    BodyVerifier.Result result =
        verifier.verify(
            new ByteArrayInputStream(encrypt(plain)),
            keys,
            PlaintextSelection.of(Optional.of(edits)));

    assertThat(result.plaintextSize()).isEqualTo(kept.length);
    assertThat(result.sha256()).isEqualTo(hex("SHA-256", kept));
    assertThat(result.md5()).isEqualTo(hex("MD5", kept));
  }

  @Test
  void theFirstSegmentThatFailsAuthenticationIsReported() throws Exception {
    int batch = BodyVerifier.SEGMENTS_PER_BATCH;
    byte[] body = encrypt(bytes(6 * batch * Segments.PLAIN_SIZE));
    body[(int) Segments.cipherOffset(4L * batch + 3) + 40] ^= 1;
    body[(int) Segments.cipherOffset(2L * batch + 5) + 40] ^= 1;

    assertThatThrownBy(
            () -> verifier.verify(new ByteArrayInputStream(body), keys, PlaintextSelection.all()))
        .isInstanceOf(SegmentAuthenticationException.class)
        .satisfies(
            e ->
                assertThat(((SegmentAuthenticationException) e).segmentIndex())
                    .isEqualTo(2L * batch + 5));
  }

  @Test
  void aTrailingSegmentTooShortForItsTagIsTruncated() throws Exception {
    byte[] body = encrypt(bytes(3 * Segments.PLAIN_SIZE + 100));
    byte[] cut = Arrays.copyOf(body, (int) Segments.cipherOffset(3) + 10);

    assertThatThrownBy(
            () -> verifier.verify(new ByteArrayInputStream(cut), keys, PlaintextSelection.all()))
        .isInstanceOf(TruncatedException.class);
  }

  @Test
  void anotherDataKeyAuthenticatesNothing() throws Exception {
    byte[] body = encrypt(bytes(1000));
    List<DataEncryptionParameters> other = List.of(DataEncryptionParameters.of(bytes(32)));

    assertThatThrownBy(
            () -> verifier.verify(new ByteArrayInputStream(body), other, PlaintextSelection.all()))
        .isInstanceOf(SegmentAuthenticationException.class);
  }

  private byte[] encrypt(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Crypt4ghOutputStream c4gh = Crypt4ghOutputStream.bodyOnly(out, dataKey)) {
      c4gh.write(plain);
    }
    return out.toByteArray();
  }

  private byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static String hex(String algorithm, byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
  }
}
