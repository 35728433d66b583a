package io.lega.crypt4gh.roundtrip;

import static io.lega.crypt4gh.roundtrip.TestData.SIZES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Crypt4ghOutputStream into Crypt4ghInputStream, with every way of writing and of reading. */
class StreamRoundTripTest {
  /** Odd chunk sizes, cycled, that straddle segment boundaries in every way. */
  private static final int[] CHUNKS = {1, 7, 4093, 65537, 13, 65535, 65536, 3, 131071};

  enum Writing {
    WHOLE,
    ODD_CHUNKS,
    SINGLE_BYTES
  }

  enum Reading {
    READ_ALL,
    ODD_CHUNKS,
    SINGLE_BYTES
  }

  static Stream<Arguments> cases() {
    return Arrays.stream(SIZES)
        .boxed()
        .flatMap(
            size ->
                Arrays.stream(Writing.values())
                    .flatMap(
                        w -> Arrays.stream(Reading.values()).map(r -> Arguments.of(size, w, r))));
  }

  @ParameterizedTest(name = "{0} bytes, {1}, {2}")
  @MethodSource("cases")
  void decryptsToThePlaintext(int size, Writing writing, Reading reading) throws IOException {
    byte[] plain = TestData.plaintext(size, size);
    Crypt4ghPrivateKey reader = TestData.key(1);

    ByteArrayOutputStream file = new ByteArrayOutputStream();
    try (Crypt4ghOutputStream out =
        Crypt4ghOutputStream.create(file, List.of(reader.publicKey()), Optional.empty())) {
      write(out, plain, writing);
    }
    byte[] encrypted = file.toByteArray();

    int headerLength = TestData.headerLength(encrypted);
    assertThat(encrypted.length - headerLength)
        .as("body length")
        .isEqualTo(Segments.cipherLength(size));
    assertThat(encrypted.length - headerLength)
        .as("segments")
        .isEqualTo(
            (size / Segments.PLAIN_SIZE) * (long) Segments.CIPHER_SIZE
                + (size % Segments.PLAIN_SIZE == 0 ? 0 : size % Segments.PLAIN_SIZE + 28));

    byte[] decrypted;
    try (Crypt4ghInputStream in =
        Crypt4ghInputStream.open(new ByteArrayInputStream(encrypted), reader)) {
      decrypted = read(in, reading);
      assertThat(in.read()).as("read after the end").isEqualTo(-1);
      assertThat(in.read(new byte[10], 0, 10)).isEqualTo(-1);
    }
    assertThat(decrypted).hasSize(size);
    assertThat(Arrays.equals(decrypted, plain)).as("plaintext round trip").isTrue();
  }

  @Test
  void twoEncryptionsOfTheSameDataDiffer() throws IOException {
    byte[] plain = TestData.plaintext(7, 100_000);
    Crypt4ghPrivateKey reader = TestData.key(1);
    byte[] a = TestData.encrypt(plain, reader.publicKey());
    byte[] b = TestData.encrypt(plain, reader.publicKey());
    assertThat(a).isNotEqualTo(b);
    assertThat(TestData.body(a)).isNotEqualTo(TestData.body(b));
    assertThat(TestData.decrypt(a, reader)).isEqualTo(plain);
    assertThat(TestData.decrypt(b, reader)).isEqualTo(plain);
  }

  @Test
  void writingAfterCloseFailsAndClosingTwiceIsHarmless() throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    Crypt4ghOutputStream out =
        Crypt4ghOutputStream.create(file, List.of(TestData.key(1).publicKey()), Optional.empty());
    out.write(new byte[] {1, 2, 3});
    out.close();
    int length = file.size();
    out.close();
    assertThat(file.size()).isEqualTo(length);
    assertThatThrownBy(() -> out.write(4)).isInstanceOf(IOException.class);
    assertThat(TestData.decrypt(file.toByteArray(), TestData.key(1))).containsExactly(1, 2, 3);
  }

  @Test
  void flushKeepsAPartialSegmentBufferedUntilClose() throws IOException {
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    Crypt4ghOutputStream out =
        Crypt4ghOutputStream.create(file, List.of(TestData.key(1).publicKey()), Optional.empty());
    int header = file.size();
    out.write(new byte[1000]);
    out.flush();
    assertThat(file.size()).isEqualTo(header);
    out.write(new byte[Segments.PLAIN_SIZE - 1000]);
    assertThat(file.size()).isEqualTo(header + Segments.CIPHER_SIZE);
    out.close();
    assertThat(file.size()).isEqualTo(header + Segments.CIPHER_SIZE);
  }

  @Test
  void bodyOnlyStreamsDecryptWithTheirHeaderHeldElsewhere() throws IOException {
    byte[] plain = TestData.plaintext(3, 200_001);
    byte[] dataKey = TestData.plaintext(99, 32);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (Crypt4ghOutputStream out = Crypt4ghOutputStream.bodyOnly(body, dataKey)) {
      write(out, plain, Writing.ODD_CHUNKS);
    }
    var header =
        io.lega.crypt4gh.header.DecryptedHeader.of(
            List.of(io.lega.crypt4gh.header.DataEncryptionParameters.of(dataKey)),
            Optional.empty());
    try (InputStream in =
        Crypt4ghInputStream.ofBody(
            new ByteArrayInputStream(body.toByteArray()),
            header,
            io.lega.crypt4gh.body.ByteRange.all())) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
  }

  static void write(OutputStream out, byte[] plain, Writing writing) throws IOException {
    switch (writing) {
      case WHOLE -> out.write(plain);
      case SINGLE_BYTES -> {
        for (byte b : plain) {
          out.write(b);
        }
      }
      case ODD_CHUNKS -> {
        int position = 0;
        for (int i = 0; position < plain.length; i++) {
          int n = Math.min(CHUNKS[i % CHUNKS.length], plain.length - position);
          out.write(plain, position, n);
          position += n;
        }
      }
    }
  }

  static byte[] read(InputStream in, Reading reading) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (reading) {
      case READ_ALL -> out.write(in.readAllBytes());
      case SINGLE_BYTES -> {
        for (int b = in.read(); b >= 0; b = in.read()) {
          out.write(b);
        }
      }
      case ODD_CHUNKS -> {
        byte[] buffer = new byte[131072 + 5];
        for (int i = 0; ; i++) {
          int want = CHUNKS[i % CHUNKS.length];
          int n = in.read(buffer, 5, want);
          if (n < 0) {
            break;
          }
          assertThat(n).isBetween(1, want);
          out.write(buffer, 5, n);
        }
      }
    }
    return out.toByteArray();
  }
}
