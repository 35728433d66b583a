package io.lega.crypt4gh.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.NoDecryptablePacketException;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.stream.Rearrangement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rearranging keeps only the segments a range needs, byte for byte (no re-encryption), behind a
 * header whose edit list selects the range; a rearranged file can be rearranged again.
 */
class RearrangementTest {
  private static final int S = Segments.PLAIN_SIZE;
  private static final int SIZE = 5 * 1024 * 1024 + 17; // 80 full segments and one of 17 bytes
  private static final Crypt4ghPrivateKey ALICE = TestData.key(80);
  private static final Crypt4ghPrivateKey BOB = TestData.key(81);
  private static final Crypt4ghPrivateKey CAROL = TestData.key(82);

  private static final byte[] PLAIN = TestData.plaintext(800, SIZE);
  private static final byte[] FILE;

  static {
    try {
      FILE = TestData.encrypt(PLAIN, ALICE.publicKey());
    } catch (IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static Stream<Arguments> ranges() {
    long n = SIZE;
    long[][] ranges = {
      {0, 1},
      {0, 0},
      {S - 1, S + 1},
      {S, 2L * S},
      {100_000, 300_000},
      {10L * S + 5, 40L * S},
      {n - 1, n},
      {n - 20, n},
      {80L * S, n},
      {1, n},
      {0, n},
      {n, n + 10},
      {n + S, n + 2L * S},
      {n - 5, n + 1_000_000},
      {70L * S, ByteRange.UNBOUNDED},
      {3, ByteRange.UNBOUNDED},
      // positions no file can reach
      {Long.MAX_VALUE - 10, Long.MAX_VALUE - 1},
      {Long.MAX_VALUE - 100, ByteRange.UNBOUNDED},
      {n - 1, Long.MAX_VALUE - 1},
    };
    List<Arguments> all = new ArrayList<>();
    for (long[] r : ranges) {
      all.add(Arguments.of(r[0], r[1]));
    }
    return all.stream();
  }

  @ParameterizedTest(name = "[{0}, {1})")
  @MethodSource("ranges")
  void theSliceHoldsOnlyTheNeededSegmentsUnchanged(long start, long end) throws IOException {
    ByteRange range = new ByteRange(start, end);
    byte[] sliced = rearrange(FILE, ALICE, range, List.of(ALICE.publicKey(), BOB.publicKey()));
    byte[] expected = TestData.slice(PLAIN, start, end);

    for (Crypt4ghPrivateKey reader : List.of(ALICE, BOB)) {
      assertThat(TestData.decrypt(sliced, reader)).as("decrypts to the range").isEqualTo(expected);
    }
    assertThatThrownBy(() -> TestData.decrypt(sliced, CAROL))
        .isInstanceOf(NoDecryptablePacketException.class);

    List<byte[]> original = TestData.segments(TestData.body(FILE));
    List<byte[]> kept = TestData.segments(TestData.body(sliced));
    long first = Segments.indexOf(start);
    long last =
        Math.min(
            original.size() - 1,
            end == ByteRange.UNBOUNDED ? Long.MAX_VALUE : Segments.indexOf(end - 1));
    if (expected.length == 0) {
      // Nothing to keep: at most the segment the empty range points into.
      assertThat(kept.size()).isLessThanOrEqualTo(1);
      for (byte[] segment : kept) {
        assertThat(asSet(original)).contains(ByteBuffer.wrap(segment));
      }
      return;
    }
    List<byte[]> expectedSegments = original.subList((int) first, (int) last + 1);
    assertThat(kept).as("segments of the slice").hasSameSizeAs(expectedSegments);
    for (int i = 0; i < kept.size(); i++) {
      assertThat(kept.get(i))
          .as("segment %d, not re-encrypted", i)
          .isEqualTo(expectedSegments.get(i));
    }
    if (expectedSegments.size() < original.size()) {
      assertThat(sliced.length).as("the slice is smaller").isLessThan(FILE.length);
    }

    DecryptedHeader header =
        DecryptedHeader.open(Header.read(new ByteArrayInputStream(sliced)), BOB, Optional.empty());
    assertThat(header.editList()).isPresent();
    assertThat(header.openedPackets())
        .as("packets written with the reader's key")
        .allSatisfy(p -> assertThat(p.writer()).isEqualTo(ALICE.publicKey()));
  }

  @ParameterizedTest(name = "[{0}, {1}) then sub-ranges")
  @MethodSource("ranges")
  void aSliceCanBeSlicedAgain(long start, long end) throws IOException {
    byte[] once = rearrange(FILE, ALICE, new ByteRange(start, end), List.of(BOB.publicKey()));
    byte[] first = TestData.slice(PLAIN, start, end);
    long n = first.length;
    long[][] subRanges = {{0, n}, {1, n - 1}, {n / 2, n}, {0, 1}, {S - 3, S + 3}, {n, n + 5}};
    List<byte[]> originalSegments = TestData.segments(TestData.body(FILE));
    for (long[] r : subRanges) {
      if (r[0] < 0 || r[0] > r[1]) {
        continue;
      }
      byte[] twice = rearrange(once, BOB, new ByteRange(r[0], r[1]), List.of(CAROL.publicKey()));
      assertThat(TestData.decrypt(twice, CAROL))
          .as("sub-range %d-%d", r[0], r[1])
          .isEqualTo(TestData.slice(first, r[0], r[1]));
      assertThat(twice.length).isLessThanOrEqualTo(once.length + 200);
      // Still the original's segments.
      for (byte[] segment : TestData.segments(TestData.body(twice))) {
        assertThat(asSet(originalSegments)).contains(ByteBuffer.wrap(segment));
      }
    }
  }

  @Test
  void aFileWithAnEditListIsSlicedInWhatTheEditListKeeps() throws IOException {
    long[] lengths = {10, 3 * S, 2 * S, 100, 5 * S + 1};
    byte[] file =
        TestData.encrypt(
            PLAIN,
            List.of(ALICE.publicKey()),
            Optional.empty(),
            Optional.of(DataEditList.of(lengths)));
    byte[] visible = TestData.applyEditList(PLAIN, lengths);
    long n = visible.length;
    long[][] ranges = {
      {0, n}, {0, 1}, {3 * S - 20, 3 * S + 50}, {3 * S + 100, 3 * S + 120}, {n - 1, n}
    };
    for (long[] r : ranges) {
      byte[] sliced = rearrange(file, ALICE, new ByteRange(r[0], r[1]), List.of(BOB.publicKey()));
      assertThat(TestData.decrypt(sliced, BOB))
          .as("range %d-%d", r[0], r[1])
          .isEqualTo(TestData.slice(visible, r[0], r[1]));
      assertThat(sliced.length).isLessThan(file.length);
    }
  }

  static Stream<long[]> oddEditLists() {
    long big = Long.MAX_VALUE;
    return Stream.of(
        new long[] {},
        new long[] {0},
        new long[] {0, 0},
        new long[] {5, 0, 5, 0},
        new long[] {0, 10, 0, 10},
        new long[] {S - 1, 2, S - 1, 2, S - 1},
        new long[] {4L * S},
        new long[] {0, big},
        new long[] {5, big, big},
        new long[] {big},
        new long[] {big - 1, 5},
        new long[] {3, 4, big - 2, 10});
  }

  @ParameterizedTest(name = "edit list {0}")
  @MethodSource("oddEditLists")
  void unusualEditListsAreSlicedToo(long[] lengths) throws IOException {
    byte[] plain = TestData.plaintext(86, 3 * S + 5);
    byte[] file =
        TestData.encrypt(
            plain,
            List.of(ALICE.publicKey()),
            Optional.empty(),
            Optional.of(DataEditList.of(lengths)));
    byte[] visible = TestData.applyEditList(plain, lengths);
    long n = visible.length;
    long[][] ranges = {
      {0, ByteRange.UNBOUNDED}, {0, 1}, {1, 20}, {S - 1, S + 1}, {n - 1, n}, {n, n + 1}
    };
    for (long[] r : ranges) {
      if (r[0] < 0 || r[0] > r[1]) {
        continue;
      }
      byte[] sliced = rearrange(file, ALICE, new ByteRange(r[0], r[1]), List.of(BOB.publicKey()));
      byte[] expected = TestData.slice(visible, r[0], r[1]);
      assertThat(TestData.decrypt(sliced, BOB)).as("range %d-%d", r[0], r[1]).isEqualTo(expected);
      byte[] again = rearrange(sliced, BOB, ByteRange.all(), List.of(CAROL.publicKey()));
      assertThat(TestData.decrypt(again, CAROL)).isEqualTo(expected);
    }
  }

  @Test
  void aFileWithTwoDataKeysKeepsBoth() throws IOException {
    byte[] keyA = TestData.plaintext(83, 32);
    byte[] keyB = TestData.plaintext(84, 32);
    byte[] plain = TestData.plaintext(85, 4 * S + 10);
    byte[] body = RecipientsAndKeysTest.twoKeyBody(plain, keyA, keyB, 2);
    Header header =
        DecryptedHeader.of(
                List.of(
                    io.lega.crypt4gh.header.DataEncryptionParameters.of(keyA),
                    io.lega.crypt4gh.header.DataEncryptionParameters.of(keyB)),
                Optional.empty())
            .sealFor(List.of(ALICE.publicKey()), ALICE);
    byte[] file = RecipientsAndKeysTest.concat(header.encode(), body);
    ByteRange range = new ByteRange(S + 5, 3 * S + 5);
    byte[] sliced = rearrange(file, ALICE, range, List.of(BOB.publicKey()));
    assertThat(TestData.decrypt(sliced, BOB)).isEqualTo(TestData.slice(plain, S + 5, 3 * S + 5));
  }

  @Test
  void aReaderWithoutAPacketCannotRearrange() {
    assertThatThrownBy(
            () -> rearrange(FILE, CAROL, new ByteRange(0, 10), List.of(CAROL.publicKey())))
        .isInstanceOf(NoDecryptablePacketException.class);
  }

  /** Segments compared by content. */
  private static Set<ByteBuffer> asSet(List<byte[]> segments) {
    Set<ByteBuffer> set = new HashSet<>();
    segments.forEach(s -> set.add(ByteBuffer.wrap(s)));
    return set;
  }

  static byte[] rearrange(
      byte[] file, Crypt4ghPrivateKey reader, ByteRange range, List<Crypt4ghPublicKey> recipients)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Rearrangement.rearrange(new ByteArrayInputStream(file), out, reader, range, recipients);
    return out.toByteArray();
  }
}
