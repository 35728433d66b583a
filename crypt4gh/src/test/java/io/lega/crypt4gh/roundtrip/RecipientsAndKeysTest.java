package io.lega.crypt4gh.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.SegmentEncryptor;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.NoDecryptablePacketException;
import io.lega.crypt4gh.error.SegmentAuthenticationException;
import io.lega.crypt4gh.error.SenderKeyMismatchException;
import io.lega.crypt4gh.header.DataEncryptionParameters;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.header.OpenedPacket;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.stream.CiphertextSource;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.ParallelBodyPipe;
import io.lega.crypt4gh.stream.RandomAccessDecryptor;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Several recipients, writer keys and sender checks, and bodies written with several data keys. */
class RecipientsAndKeysTest {
  private static final Crypt4ghPrivateKey ALICE = TestData.key(10);
  private static final Crypt4ghPrivateKey BOB = TestData.key(11);
  private static final Crypt4ghPrivateKey CAROL = TestData.key(12);
  private static final Crypt4ghPrivateKey MALLORY = TestData.key(13);
  private static final Crypt4ghPrivateKey WRITER = TestData.key(14);

  private static final List<Crypt4ghPublicKey> THREE =
      List.of(ALICE.publicKey(), BOB.publicKey(), CAROL.publicKey());

  @TempDir Path temp;

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {0, 1, 65537, 3 * 65536})
  void everyRecipientDecryptsAndAFourthKeyCannot(int size) throws IOException {
    byte[] plain = TestData.plaintext(20 + size, size);
    byte[] file = TestData.encrypt(plain, THREE, Optional.empty(), Optional.empty());

    Header header = Header.read(new ByteArrayInputStream(file));
    assertThat(header.packets()).hasSize(3);
    for (Crypt4ghPrivateKey reader : List.of(ALICE, BOB, CAROL)) {
      assertThat(TestData.decrypt(file, reader)).as(reader.toString()).isEqualTo(plain);
      assertThat(DecryptedHeader.open(header, reader, Optional.empty()).openedPackets()).hasSize(1);
    }
    // They all share the one data key.
    assertThat(
            List.of(ALICE, BOB, CAROL).stream()
                .map(k -> dataKeyOf(header, k))
                .map(Arrays::toString)
                .distinct())
        .hasSize(1);

    assertThatThrownBy(() -> TestData.decrypt(file, MALLORY))
        .isInstanceOf(NoDecryptablePacketException.class);
    assertThatThrownBy(() -> DecryptedHeader.open(header, MALLORY, Optional.empty()))
        .isInstanceOf(NoDecryptablePacketException.class);
    assertThatThrownBy(() -> DecryptedHeader.open(header, MALLORY, Optional.of(WRITER.publicKey())))
        .as("a sender check does not turn 'not for you' into 'wrong sender'")
        .isInstanceOf(NoDecryptablePacketException.class);
  }

  @Test
  void aGivenWriterKeyIsTheOneInEveryPacket() throws IOException {
    byte[] plain = TestData.plaintext(30, 70_000);
    byte[] file = TestData.encrypt(plain, THREE, Optional.of(WRITER), Optional.empty());
    Header header = Header.read(new ByteArrayInputStream(file));
    for (Crypt4ghPrivateKey reader : List.of(ALICE, BOB, CAROL)) {
      DecryptedHeader opened = DecryptedHeader.open(header, reader, Optional.empty());
      assertThat(opened.openedPackets())
          .extracting(OpenedPacket::writer)
          .containsExactly(WRITER.publicKey());
      // The expected sender passes, through the header API and through the stream.
      assertThat(DecryptedHeader.open(header, reader, Optional.of(WRITER.publicKey())).dataKeys())
          .hasSize(1);
      try (InputStream in =
          Crypt4ghInputStream.open(
              new ByteArrayInputStream(file),
              reader,
              Optional.of(WRITER.publicKey()),
              ByteRange.all())) {
        assertThat(in.readAllBytes()).isEqualTo(plain);
      }
      // Any other key as the expected sender fails, even the reader's own or another recipient's.
      for (Crypt4ghPrivateKey other : List.of(MALLORY, ALICE, BOB, CAROL)) {
        assertThatThrownBy(
                () -> DecryptedHeader.open(header, reader, Optional.of(other.publicKey())))
            .isInstanceOf(SenderKeyMismatchException.class);
        assertThatThrownBy(
                () ->
                    Crypt4ghInputStream.open(
                        new ByteArrayInputStream(file),
                        reader,
                        Optional.of(other.publicKey()),
                        ByteRange.all()))
            .isInstanceOf(SenderKeyMismatchException.class);
      }
    }
  }

  @Test
  void anEphemeralWriterKeyIsFreshPerFileAndSharedByItsPackets() throws IOException {
    byte[] plain = TestData.plaintext(31, 1000);
    byte[] first = TestData.encrypt(plain, THREE, Optional.empty(), Optional.empty());
    byte[] second = TestData.encrypt(plain, THREE, Optional.empty(), Optional.empty());
    Crypt4ghPublicKey writerOfFirst = writerOf(first, ALICE);
    for (Crypt4ghPrivateKey reader : List.of(BOB, CAROL)) {
      assertThat(writerOf(first, reader)).isEqualTo(writerOfFirst);
    }
    assertThat(writerOf(second, ALICE)).isNotEqualTo(writerOfFirst);
    for (Crypt4ghPrivateKey known : List.of(ALICE, BOB, CAROL, MALLORY, WRITER)) {
      assertThat(writerOfFirst).isNotEqualTo(known.publicKey());
    }
    // The ephemeral key is accepted as a sender once known, and any other key is not.
    Header header = Header.read(new ByteArrayInputStream(first));
    assertThat(DecryptedHeader.open(header, BOB, Optional.of(writerOfFirst)).dataKeys()).hasSize(1);
    assertThatThrownBy(() -> DecryptedHeader.open(header, BOB, Optional.of(WRITER.publicKey())))
        .isInstanceOf(SenderKeyMismatchException.class);
    assertThat(TestData.decrypt(first, CAROL)).isEqualTo(plain);
  }

  @ParameterizedTest(name = "switch to key B at segment {0}")
  @ValueSource(ints = {0, 1, 2, 4, 5})
  void aBodyWrittenWithTwoDataKeysDecryptsEverywhere(int switchAt) throws IOException {
    int size = 4 * Segments.PLAIN_SIZE + 333; // 5 segments
    byte[] plain = TestData.plaintext(40 + switchAt, size);
    byte[] keyA = TestData.plaintext(41, 32);
    byte[] keyB = TestData.plaintext(42, 32);
    byte[] body = twoKeyBody(plain, keyA, keyB, switchAt);

    Header header =
        DecryptedHeader.of(
                List.of(DataEncryptionParameters.of(keyA), DataEncryptionParameters.of(keyB)),
                Optional.empty())
            .sealFor(List.of(ALICE.publicKey(), BOB.publicKey()), WRITER);
    assertThat(header.packets()).hasSize(4);
    byte[] file = concat(header.encode(), body);

    for (Crypt4ghPrivateKey reader : List.of(ALICE, BOB)) {
      DecryptedHeader opened = DecryptedHeader.open(header, reader, Optional.empty());
      assertThat(opened.dataKeys())
          .extracting(DataEncryptionParameters::dataKey)
          .containsExactly(keyA, keyB);
      assertThat(TestData.decrypt(file, reader)).isEqualTo(plain);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new ParallelBodyPipe(3)
          .decrypt(
              Channels.newChannel(new ByteArrayInputStream(body)),
              Channels.newChannel(out),
              opened.dataKeys());
      assertThat(out.toByteArray()).isEqualTo(plain);

      Path path = temp.resolve("two-keys.c4gh");
      Files.write(path, file);
      try (FileChannel channel = FileChannel.open(path)) {
        RandomAccessDecryptor decryptor =
            new RandomAccessDecryptor(CiphertextSource.of(channel, header.length()), opened);
        long[][] ranges = {
          {0, size}, {65530, 65540}, {2 * 65536 - 1, 3 * 65536 + 1}, {size - 5, size}, {0, 0}
        };
        for (long[] r : ranges) {
          try (InputStream in = decryptor.open(new ByteRange(r[0], r[1]))) {
            assertThat(in.readAllBytes())
                .as("range %d-%d", r[0], r[1])
                .isEqualTo(TestData.slice(plain, r[0], r[1]));
          }
        }
      }
    }

    // With only one of the two keys, the segments of the other do not authenticate.
    DecryptedHeader onlyA =
        DecryptedHeader.of(List.of(DataEncryptionParameters.of(keyA)), Optional.empty());
    if (switchAt < 5) {
      try (InputStream in =
          Crypt4ghInputStream.ofBody(new ByteArrayInputStream(body), onlyA, ByteRange.all())) {
        assertThatThrownBy(in::readAllBytes)
            .isInstanceOfSatisfying(
                SegmentAuthenticationException.class,
                e -> assertThat(e.segmentIndex()).isEqualTo(switchAt));
      }
    }
  }

  @Test
  void keysAlternatingSegmentBySegmentDecrypt() throws IOException {
    int size = 6 * Segments.PLAIN_SIZE + 1;
    byte[] plain = TestData.plaintext(50, size);
    byte[][] keys = {TestData.plaintext(51, 32), TestData.plaintext(52, 32)};
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] out = new byte[Segments.CIPHER_SIZE];
    for (int i = 0, offset = 0; offset < size; i++, offset += Segments.PLAIN_SIZE) {
      int n = Math.min(Segments.PLAIN_SIZE, size - offset);
      body.write(out, 0, new SegmentEncryptor(keys[i % 2]).encrypt(plain, offset, n, out, 0));
    }
    DecryptedHeader header =
        DecryptedHeader.of(
            List.of(DataEncryptionParameters.of(keys[0]), DataEncryptionParameters.of(keys[1])),
            Optional.empty());
    try (InputStream in =
        Crypt4ghInputStream.ofBody(
            new ByteArrayInputStream(body.toByteArray()), header, ByteRange.all())) {
      assertThat(in.readAllBytes()).isEqualTo(plain);
    }
  }

  /** Segments before {@code switchAt} sealed with key A, the rest with key B. */
  static byte[] twoKeyBody(byte[] plain, byte[] keyA, byte[] keyB, int switchAt) {
    SegmentEncryptor a = new SegmentEncryptor(keyA);
    SegmentEncryptor b = new SegmentEncryptor(keyB);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] out = new byte[Segments.CIPHER_SIZE];
    for (int i = 0, offset = 0; offset < plain.length; i++, offset += Segments.PLAIN_SIZE) {
      int n = Math.min(Segments.PLAIN_SIZE, plain.length - offset);
      int written = (i < switchAt ? a : b).encrypt(plain, offset, n, out, 0);
      body.write(out, 0, written);
    }
    return body.toByteArray();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static byte[] dataKeyOf(Header header, Crypt4ghPrivateKey reader) {
    try {
      return DecryptedHeader.open(header, reader, Optional.empty()).dataKeys().get(0).dataKey();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Crypt4ghPublicKey writerOf(byte[] file, Crypt4ghPrivateKey reader)
      throws IOException {
    DecryptedHeader opened =
        DecryptedHeader.open(Header.read(new ByteArrayInputStream(file)), reader, Optional.empty());
    assertThat(opened.openedPackets()).hasSize(1);
    return opened.openedPackets().get(0).writer();
  }
}
