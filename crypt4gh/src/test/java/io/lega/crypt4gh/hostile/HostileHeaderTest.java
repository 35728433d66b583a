package io.lega.crypt4gh.hostile;

import static io.lega.crypt4gh.hostile.Forge.concat;
import static io.lega.crypt4gh.hostile.Forge.dataKey;
import static io.lega.crypt4gh.hostile.Forge.editList;
import static io.lega.crypt4gh.hostile.Forge.header;
import static io.lega.crypt4gh.hostile.Forge.le32;
import static io.lega.crypt4gh.hostile.Forge.preamble;
import static io.lega.crypt4gh.hostile.Forge.rawPacket;
import static io.lega.crypt4gh.hostile.Forge.sealedPacket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.error.Crypt4ghException;
import io.lega.crypt4gh.error.MalformedHeaderException;
import io.lega.crypt4gh.error.NoDecryptablePacketException;
import io.lega.crypt4gh.error.NotCrypt4ghException;
import io.lega.crypt4gh.error.UnsupportedVersionException;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.header.HeaderLimits;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.roundtrip.TestData;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Crafted headers: every one fails with its typed exception, without reading past the field that
 * gives it away (an input that throws on any further byte proves it), or is ignored where the
 * specification says unknown packets are skipped.
 */
class HostileHeaderTest {
  private static final Crypt4ghPrivateKey READER = TestData.key(100);
  private static final Crypt4ghPrivateKey OTHER = TestData.key(101);
  private static final Crypt4ghPrivateKey WRITER = TestData.key(102);
  private static final byte[] DATA_KEY = TestData.plaintext(103, 32);
  private static final byte[] PLAIN = TestData.plaintext(104, 70_000);
  private static final byte[] BODY;

  static {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (Crypt4ghOutputStream out = Crypt4ghOutputStream.bodyOnly(body, DATA_KEY)) {
      out.write(PLAIN);
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
    BODY = body.toByteArray();
  }

  /** The packet that gives READER the body's key. */
  private static byte[] validPacket() {
    return sealedPacket(WRITER, READER.publicKey(), dataKey(DATA_KEY));
  }

  // ---------------------------------------------------------------- the forge itself is right

  @Test
  void aForgedHeaderWithAValidPacketDecrypts() throws IOException {
    byte[] file = concat(header(validPacket()), BODY);
    assertThat(decryptAll(file)).isEqualTo(PLAIN);
    assertThat(
            DecryptedHeader.open(
                    Header.read(new ByteArrayInputStream(file)),
                    READER,
                    Optional.of(WRITER.publicKey()))
                .dataKeys())
        .hasSize(1);
  }

  @Test
  void headerReadStopsExactlyAtTheEndOfTheDeclaredPackets() throws IOException {
    List<byte[]> headers =
        List.of(
            header(validPacket()),
            header(),
            header(rawPacket(0, new byte[0])),
            header(rawPacket(7, new byte[100]), validPacket(), rawPacket(0, new byte[3])),
            TestData.encrypt(
                new byte[0],
                List.of(READER.publicKey(), OTHER.publicKey()),
                Optional.empty(),
                Optional.of(io.lega.crypt4gh.header.DataEditList.of(1, 2, 3))));
    for (byte[] h : headers) {
      TripwireInputStream in = TripwireInputStream.endless(h, h.length);
      Header header = Header.read(in);
      assertThat(in.consumed()).isEqualTo(h.length);
      assertThat(header.length()).isEqualTo(h.length);
      assertThat(header.encode()).isEqualTo(h);
    }
  }

  // ---------------------------------------------------------------- counts

  @ParameterizedTest(name = "count {0}")
  @ValueSource(longs = {0xFFFFFFFFL, 0x80000000L, HeaderLimits.MAX_PACKETS + 1L, 65536})
  void aHugePacketCountFailsAfterThePreamble(long count) {
    byte[] preamble = preamble(1, count);
    assertFailsWithin(
        TripwireInputStream.endless(preamble, 16), MalformedHeaderException.class, 16);
  }

  @Test
  void theMostPacketsAllowedAreAccepted() throws IOException {
    byte[][] packets = new byte[HeaderLimits.MAX_PACKETS][];
    Arrays.fill(packets, rawPacket(1, new byte[0]));
    packets[HeaderLimits.MAX_PACKETS - 1] = validPacket();
    byte[] h = header(packets);
    TripwireInputStream in = TripwireInputStream.of(concat(h, BODY), h.length);
    Header header = Header.read(in);
    assertThat(header.packets()).hasSize(HeaderLimits.MAX_PACKETS);
    assertThat(in.consumed()).isEqualTo(h.length);
    assertThat(decryptAll(concat(h, BODY))).isEqualTo(PLAIN);
  }

  @ParameterizedTest(name = "claims {0}")
  @ValueSource(ints = {2, 3, 1000, HeaderLimits.MAX_PACKETS})
  void aHeaderThatEndsBeforeItsPacketsFails(int claimed) {
    byte[] packet = validPacket();
    byte[] file = concat(preamble(1, claimed), packet);
    assertFailsWithin(
        TripwireInputStream.of(file, file.length), MalformedHeaderException.class, file.length);
    // Cut inside the length field of the next packet, and inside the next packet.
    byte[] cutInLength = concat(file, new byte[] {(byte) 124, 0});
    assertFailsWithin(
        TripwireInputStream.of(cutInLength, cutInLength.length),
        MalformedHeaderException.class,
        cutInLength.length);
    byte[] cutInPacket = concat(file, Arrays.copyOf(packet, packet.length - 1));
    assertFailsWithin(
        TripwireInputStream.of(cutInPacket, cutInPacket.length),
        MalformedHeaderException.class,
        cutInPacket.length);
  }

  // ---------------------------------------------------------------- packet lengths

  @ParameterizedTest(name = "length {0}")
  @ValueSource(
      longs = {
        0xFFFFFFFFL,
        0x80000000L,
        0x7FFFFFFFL,
        HeaderLimits.MAX_PACKET_LENGTH + 1L,
        0,
        1,
        4,
        7
      })
  void anOutOfRangePacketLengthFailsAfterItsLengthField(long length) {
    byte[] start = concat(preamble(1, 1), le32(length));
    assertFailsWithin(TripwireInputStream.endless(start, 20), MalformedHeaderException.class, 20);
    // Also when it is the second packet, after a valid one.
    byte[] second = concat(preamble(1, 2), validPacket(), le32(length));
    assertFailsWithin(
        TripwireInputStream.endless(second, second.length),
        MalformedHeaderException.class,
        second.length);
  }

  @Test
  void theLargestPacketAllowedIsReadAndIgnored() throws IOException {
    byte[] big = rawPacket(0, new byte[HeaderLimits.MAX_PACKET_LENGTH - 8]);
    assertThat(big).hasSize(HeaderLimits.MAX_PACKET_LENGTH);
    byte[] h = concat(preamble(1, 2), big, validPacket());
    TripwireInputStream in = TripwireInputStream.endless(h, h.length);
    assertThat(Header.read(in).packets()).hasSize(2);
    assertThat(in.consumed()).isEqualTo(h.length);
    assertThat(decryptAll(concat(h, BODY))).isEqualTo(PLAIN);
  }

  @Test
  void anEmptyOrTooShortPacketIsIgnored() throws IOException {
    for (int payload : new int[] {0, 1, 32, 59}) {
      byte[] h = header(rawPacket(0, new byte[payload]), validPacket());
      assertThat(decryptAll(concat(h, BODY))).as("payload %d", payload).isEqualTo(PLAIN);
      assertThatThrownBy(() -> decryptAll(concat(header(rawPacket(0, new byte[payload])), BODY)))
          .isInstanceOf(NoDecryptablePacketException.class);
    }
  }

  // ---------------------------------------------------------------- magic, version, short files

  @ParameterizedTest(name = "version {0}")
  @ValueSource(longs = {2, 0, 3, 0x7FFFFFFFL, 0xFFFFFFFFL})
  void anotherVersionIsUnsupported(long version) {
    byte[] start = preamble(version, 1);
    assertThatThrownBy(() -> Header.read(TripwireInputStream.endless(start, 16)))
        .isInstanceOfSatisfying(
            UnsupportedVersionException.class, e -> assertThat(e.version()).isEqualTo(version));
    // Even when the rest of a valid version 1 file follows.
    byte[] file = concat(preamble(version, 1), validPacket(), BODY);
    assertThatThrownBy(() -> decryptAll(file)).isInstanceOf(UnsupportedVersionException.class);
  }

  @Test
  void shortFilesFailWithTheirTypedError() {
    byte[] valid = concat(header(validPacket()), BODY);
    for (int length = 0; length <= 15; length++) {
      byte[] cut = Arrays.copyOf(valid, length);
      Class<? extends Crypt4ghException> expected =
          length < 8 ? NotCrypt4ghException.class : MalformedHeaderException.class;
      assertFailsWithin(TripwireInputStream.of(cut, length), expected, length);
      assertThatThrownBy(() -> decryptAll(cut)).as("%d bytes", length).isInstanceOf(expected);

      byte[] noise = TestData.plaintext(length, length);
      assertThatThrownBy(() -> Header.read(new ByteArrayInputStream(noise)))
          .as("%d bytes of noise", length)
          .isInstanceOf(NotCrypt4ghException.class);
    }
    // Sixteen bytes: a complete preamble. No packets means no key; one packet is missing.
    assertThatThrownBy(() -> decryptAll(preamble(1, 0)))
        .isInstanceOf(NoDecryptablePacketException.class);
    assertThatThrownBy(() -> decryptAll(preamble(1, 1)))
        .isInstanceOf(MalformedHeaderException.class);
  }

  @Test
  void aWrongMagicFailsAtOnce() {
    for (int i = 0; i < 8; i++) {
      byte[] start = preamble(1, 1);
      start[i] ^= 0x20;
      assertFailsWithin(TripwireInputStream.endless(start, 16), NotCrypt4ghException.class, 16);
    }
  }

  // ---------------------------------------------------------------- edit lists

  @ParameterizedTest(name = "declares {0} lengths")
  @ValueSource(
      longs = {
        0x80000000L,
        0xFFFFFFFFL,
        0x7FFFFFFFL,
        HeaderLimits.MAX_EDIT_LIST_LENGTHS + 1L,
        3,
        1
      })
  void anEditListWhoseCountDoesNotMatchItsLengthsIsMalformed(long count) {
    // It holds two lengths, whatever it declares.
    byte[] h =
        header(
            validPacket(),
            sealedPacket(WRITER, READER.publicKey(), Forge.editListDeclaring(count, 10, 20)));
    assertFailsWithin(
        TripwireInputStream.endless(h, h.length), MalformedHeaderException.class, h.length);
    // The reader the edit list is not for never parses it.
    byte[] forOther =
        header(
            validPacket(),
            sealedPacket(WRITER, OTHER.publicKey(), Forge.editListDeclaring(count, 10, 20)));
    assertThat(decryptAllQuietly(concat(forOther, BODY))).isEqualTo(PLAIN);
  }

  @Test
  void editListsWithLengthsOf2ToThe63OrMoreAreMalformed() {
    for (long length : new long[] {Long.MIN_VALUE, -1, 0x8000000000000001L}) {
      byte[] h =
          header(validPacket(), sealedPacket(WRITER, READER.publicKey(), editList(0, length, 5)));
      assertFailsWithin(
          TripwireInputStream.endless(h, h.length), MalformedHeaderException.class, h.length);
    }
  }

  @Test
  void anEditListPacketTooShortForItsCountIsMalformed() {
    byte[] h = header(validPacket(), sealedPacket(WRITER, READER.publicKey(), le32(1)));
    assertFailsWithin(
        TripwireInputStream.endless(h, h.length), MalformedHeaderException.class, h.length);
  }

  @Test
  void twoEditListsForOneReaderAreMalformed() throws IOException {
    byte[] list = editList(0, 100);
    byte[] twoSame =
        header(
            validPacket(),
            sealedPacket(WRITER, READER.publicKey(), list),
            sealedPacket(WRITER, READER.publicKey(), list));
    byte[] twoDifferent =
        header(
            sealedPacket(WRITER, READER.publicKey(), editList(5)),
            validPacket(),
            sealedPacket(OTHER, READER.publicKey(), editList(1, 2, 3)));
    for (byte[] h : List.of(twoSame, twoDifferent)) {
      assertFailsWithin(
          TripwireInputStream.endless(h, h.length), MalformedHeaderException.class, h.length);
    }
    // One edit list for each of two readers is fine.
    byte[] oneEach =
        header(
            validPacket(),
            sealedPacket(WRITER, READER.publicKey(), editList(0, 100)),
            sealedPacket(WRITER, OTHER.publicKey(), dataKey(DATA_KEY)),
            sealedPacket(WRITER, OTHER.publicKey(), editList(0, 200)));
    assertThat(decryptAll(concat(oneEach, BODY))).isEqualTo(Arrays.copyOf(PLAIN, 100));
    try (InputStream in =
        Crypt4ghInputStream.open(new ByteArrayInputStream(concat(oneEach, BODY)), OTHER)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOf(PLAIN, 200));
    }
  }

  // ---------------------------------------------------------------- unknown and inconsistent
  // packets

  @Test
  void packetsOfUnknownMethodsOrTypesAreIgnored() throws IOException {
    List<byte[]> ignored = new ArrayList<>();
    // Unknown packet encryption methods, with plausible and with garbage payloads.
    for (long method : new long[] {1, 2, 0x7FFFFFFFL, 0xFFFFFFFFL}) {
      ignored.add(rawPacket(method, TestData.plaintext(method, 100)));
      byte[] wellSealed = sealedPacket(WRITER, READER.publicKey(), dataKey(DATA_KEY));
      System.arraycopy(le32(method), 0, wellSealed, 4, 4);
      ignored.add(wellSealed);
    }
    // Unknown packet types, sealed for the reader.
    for (long type : new long[] {2, 3, 0x80000000L, 0xFFFFFFFFL}) {
      ignored.add(sealedPacket(WRITER, READER.publicKey(), concat(le32(type), DATA_KEY)));
      ignored.add(sealedPacket(WRITER, READER.publicKey(), le32(type)));
    }
    // Unknown data encryption methods.
    for (long method : new long[] {1, 0xFFFFFFFFL}) {
      ignored.add(sealedPacket(WRITER, READER.publicKey(), dataKey(method, DATA_KEY)));
      ignored.add(sealedPacket(WRITER, READER.publicKey(), dataKey(method, new byte[7])));
    }
    // Writer keys that are not usable points: zero (low order), and all ones.
    byte[] zeroWriter = validPacket();
    Arrays.fill(zeroWriter, 8, 40, (byte) 0);
    ignored.add(zeroWriter);
    byte[] onesWriter = validPacket();
    Arrays.fill(onesWriter, 8, 40, (byte) 0xff);
    ignored.add(onesWriter);
    byte[] order2Writer = validPacket(); // u = 1 has order 4
    Arrays.fill(order2Writer, 8, 40, (byte) 0);
    order2Writer[8] = 1;
    ignored.add(order2Writer);
    // The field prime p = 2^255 - 19 and p + 1, which reduce to the low-order points 0 and 1.
    for (int low : new int[] {0xed, 0xee}) {
      byte[] nonCanonical = validPacket();
      Arrays.fill(nonCanonical, 8, 40, (byte) 0xff);
      nonCanonical[8] = (byte) low;
      nonCanonical[39] = 0x7f;
      ignored.add(nonCanonical);
    }

    for (byte[] packet : ignored) {
      for (boolean validFirst : new boolean[] {true, false}) {
        byte[] h = validFirst ? header(validPacket(), packet) : header(packet, validPacket());
        assertThat(decryptAll(concat(h, BODY))).isEqualTo(PLAIN);
      }
      assertThatThrownBy(() -> decryptAll(concat(header(packet), BODY)))
          .isInstanceOf(NoDecryptablePacketException.class);
    }
    // All of them at once around a valid packet.
    List<byte[]> all = new ArrayList<>(ignored);
    all.add(all.size() / 2, validPacket());
    assertThat(decryptAll(concat(header(all.toArray(byte[][]::new)), BODY))).isEqualTo(PLAIN);
  }

  @Test
  void aDamagedPacketDoesNotDecrypt() throws IOException {
    byte[] packet = validPacket();
    for (int i = 4; i < packet.length; i++) {
      byte[] damaged = packet.clone();
      damaged[i] ^= (byte) (1 << (i % 8));
      byte[] file = concat(header(damaged), BODY);
      assertThatThrownBy(() -> decryptAll(file))
          .as("byte %d flipped", i)
          .isInstanceOf(NoDecryptablePacketException.class);
      assertThat(decryptAll(concat(header(damaged, packet), BODY))).isEqualTo(PLAIN);
    }
  }

  @Test
  void packetsWhoseContentContradictsTheirTypeAreMalformed() {
    List<byte[]> contents =
        List.of(
            new byte[0],
            new byte[] {0},
            new byte[] {0, 0, 0},
            le32(0), // data key without method
            concat(le32(0), new byte[3]),
            dataKey(Arrays.copyOf(DATA_KEY, 31)),
            dataKey(Arrays.copyOf(DATA_KEY, 33)),
            dataKey(new byte[0]),
            le32(1)); // edit list without count
    for (byte[] content : contents) {
      byte[] h = header(validPacket(), sealedPacket(WRITER, READER.publicKey(), content));
      assertFailsWithin(
          TripwireInputStream.endless(h, h.length), MalformedHeaderException.class, h.length);
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Asserts that reading a header and opening it for READER (through Header.read, and through the
   * stream, which reads the header the same way) fails with {@code expected} and reads no more than
   * {@code limit} bytes: the tripwire input would throw ReadPastLimit otherwise.
   */
  private static void assertFailsWithin(
      TripwireInputStream in, Class<? extends Crypt4ghException> expected, long limit) {
    ThrowingCallable open = () -> DecryptedHeader.open(Header.read(in), READER, Optional.empty());
    assertThatThrownBy(open).isInstanceOf(expected);
    assertThat(in.consumed()).isLessThanOrEqualTo(limit);
  }

  private static byte[] decryptAll(byte[] file) throws IOException {
    try (InputStream in =
        Crypt4ghInputStream.open(
            new ByteArrayInputStream(file), READER, Optional.empty(), ByteRange.all())) {
      return in.readAllBytes();
    }
  }

  private static byte[] decryptAllQuietly(byte[] file) {
    try {
      return decryptAll(file);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
