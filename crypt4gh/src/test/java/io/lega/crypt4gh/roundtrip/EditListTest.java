package io.lega.crypt4gh.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.header.HeaderLimits;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.stream.CiphertextSource;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.RandomAccessDecryptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Files written with an edit list (even and odd counts, zero lengths, lengths past the end), read
 * whole and in ranges on top of the edit list, compared with an independent model of the list.
 */
class EditListTest {
  private static final int S = Segments.PLAIN_SIZE;
  private static final Crypt4ghPrivateKey ALICE = TestData.key(70);
  private static final Crypt4ghPrivateKey BOB = TestData.key(71);

  @TempDir Path temp;

  static Stream<Arguments> editLists() {
    List<Arguments> all = new ArrayList<>();
    for (int size : new int[] {0, 1, 3 * S + 5, 5 * 1024 * 1024 + 17}) {
      long n = size;
      long[][] lists = {
        // even: keep only what the keeps say
        {0, 100},
        {10, S, 5, 70_000},
        {S - 1, 2, S - 2, 3},
        {0, 7853, 71721, 307929, 51299, 38},
        {n - 10, 1000},
        {1, 2 * n + 1},
        // odd: everything after the last skip is kept
        {100},
        {0},
        {10, 20, S},
        {S - 1, 2, 2 * S},
        {n + 100},
        {0, 0, 0},
        // zero lengths
        {0, 0},
        {0, 0, 0, 0, 5, 10},
        {5, 0, 5, 0},
        {0, 10, 0, 10},
        {0, S, 0, S, 0},
        // nothing at all
        {},
      };
      for (long[] lengths : lists) {
        if (Arrays.stream(lengths).allMatch(l -> l >= 0)) {
          all.add(Arguments.of(size, lengths));
        }
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} bytes, edit list {1}")
  @MethodSource("editLists")
  void everyReaderSeesWhatTheEditListKeeps(int size, long[] lengths) throws IOException {
    byte[] plain = TestData.plaintext(700 + size, size);
    byte[] file =
        TestData.encrypt(
            plain,
            List.of(ALICE.publicKey(), BOB.publicKey()),
            Optional.empty(),
            Optional.of(DataEditList.of(lengths)));
    byte[] expected = TestData.applyEditList(plain, lengths);

    Header header = Header.read(new ByteArrayInputStream(file));
    assertThat(header.packets()).as("a key and an edit list per recipient").hasSize(4);
    for (Crypt4ghPrivateKey reader : List.of(ALICE, BOB)) {
      DecryptedHeader opened = DecryptedHeader.open(header, reader, Optional.empty());
      assertThat(opened.editList()).contains(DataEditList.of(lengths));
      assertThat(TestData.decrypt(file, reader)).isEqualTo(expected);
    }

    Path path = temp.resolve("edited.c4gh");
    Files.write(path, file);
    DecryptedHeader opened = DecryptedHeader.open(header, BOB, Optional.empty());
    try (FileChannel channel = FileChannel.open(path)) {
      RandomAccessDecryptor decryptor =
          new RandomAccessDecryptor(CiphertextSource.of(channel, header.length()), opened);
      assertThat(decryptor.plaintextSize()).isEqualTo(expected.length);
      try (InputStream in = decryptor.open(ByteRange.all())) {
        assertThat(in.readAllBytes()).isEqualTo(expected);
      }

      // Ranges apply to what the edit list keeps.
      long n = expected.length;
      long[][] ranges = {
        {0, 0},
        {0, 1},
        {1, n},
        {n - 1, n},
        {n / 3, 2 * n / 3},
        {5, 30},
        {9, 11},
        {S - 1, S + 1},
        {n, n + 10},
        {n + 1, n + 2},
        {0, n + 100},
        {3, ByteRange.UNBOUNDED},
        {Long.MAX_VALUE - 10, Long.MAX_VALUE - 1},
        {n - 1, Long.MAX_VALUE - 1},
      };
      for (long[] r : ranges) {
        if (r[0] < 0 || r[0] > r[1]) {
          continue;
        }
        ByteRange range = new ByteRange(r[0], r[1]);
        byte[] slice = TestData.slice(expected, r[0], r[1]);
        try (InputStream in = decryptor.open(range)) {
          assertThat(in.readAllBytes()).as("random access %s", range).isEqualTo(slice);
        }
        try (InputStream in =
            Crypt4ghInputStream.open(
                new ByteArrayInputStream(file), ALICE, Optional.empty(), range)) {
          assertThat(in.readAllBytes()).as("stream %s", range).isEqualTo(slice);
        }
      }
    }
  }

  @Test
  void theModelAgreesWithTheSpecificationsExample() {
    // The specification's example: skip 1, keep 2, skip 3, keep 4... on "0123456789abcdef".
    byte[] plain = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(new String(TestData.applyEditList(plain, 1, 2, 3, 4))).isEqualTo("12" + "6789");
    assertThat(new String(TestData.applyEditList(plain, 1, 2, 3))).isEqualTo("12" + "6789abcdef");
    assertThat(new String(TestData.applyEditList(plain))).isEmpty();
  }

  @Test
  void anEditListOfTheMostLengthsAllowedIsWrittenAndReadBack() throws IOException {
    long[] lengths = new long[HeaderLimits.MAX_EDIT_LIST_LENGTHS];
    for (int i = 0; i < lengths.length; i++) {
      lengths[i] = 1 + i % 3;
    }
    byte[] plain = TestData.plaintext(78, 600_000);
    byte[] file =
        TestData.encrypt(
            plain,
            List.of(ALICE.publicKey()),
            Optional.empty(),
            Optional.of(DataEditList.of(lengths)));
    assertThat(TestData.decrypt(file, ALICE)).isEqualTo(TestData.applyEditList(plain, lengths));
    assertThatThrownBy(() -> DataEditList.of(new long[HeaderLimits.MAX_EDIT_LIST_LENGTHS + 1]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void editListsWithHugeLengthsDoNotOverflow() throws IOException {
    byte[] plain = TestData.plaintext(77, 2 * S + 9);
    long big = Long.MAX_VALUE;
    long[][] lists = {{0, big}, {5, big, big}, {big}, {big - 1, 5}, {3, 4, big - 2, 10}};
    for (long[] lengths : lists) {
      byte[] file =
          TestData.encrypt(
              plain,
              List.of(ALICE.publicKey()),
              Optional.empty(),
              Optional.of(DataEditList.of(lengths)));
      assertThat(TestData.decrypt(file, ALICE))
          .as(Arrays.toString(lengths))
          .isEqualTo(TestData.applyEditList(plain, lengths));
      assertThat(TestData.decrypt(file, ALICE, new ByteRange(1, 100_000)))
          .as(Arrays.toString(lengths))
          .isEqualTo(TestData.slice(TestData.applyEditList(plain, lengths), 1, 100_000));
    }
  }
}
