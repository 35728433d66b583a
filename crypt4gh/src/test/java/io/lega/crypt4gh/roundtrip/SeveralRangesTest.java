package io.lega.crypt4gh.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.PlaintextSelection;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.RandomAccessDecryptor;
import io.lega.crypt4gh.stream.Rearrangement;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Several plaintext ranges at once, as the download service serves them with the public segment
 * arithmetic: {@link PlaintextSelection#restrict(List)} (the union, ascending), {@link
 * RandomAccessDecryptor#segmentRuns} and {@link Rearrangement#editListFor}. The file made of the
 * runs' segments behind a header with that edit list decrypts to exactly the union.
 */
class SeveralRangesTest {
  private static final int S = Segments.PLAIN_SIZE;
  private static final int SIZE = 6 * S + 999;
  private static final Crypt4ghPrivateKey ALICE = TestData.key(90);
  private static final Crypt4ghPrivateKey BOB = TestData.key(91);

  @Test
  void overlappingUnorderedRangesDecryptToTheirUnion() throws Exception {
    byte[] plain = TestData.plaintext(900, SIZE);
    List<ByteRange> ranges =
        List.of(
            new ByteRange(4L * S - 3, 4L * S + 3),
            new ByteRange(10, 20),
            new ByteRange(15, 40),
            new ByteRange(S, S + 1),
            new ByteRange(6L * S, SIZE));

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.write(plain, 10, 30);
    expected.write(plain, S, 1);
    expected.write(plain, 4 * S - 3, 6);
    expected.write(plain, 6 * S, SIZE - 6 * S);

    assertThat(decrypt(slice(TestData.encrypt(plain, ALICE.publicKey()), ranges)))
        .isEqualTo(expected.toByteArray());
  }

  @Test
  void theUnionMergesTouchingAndNestedRanges() {
    PlaintextSelection union =
        PlaintextSelection.all()
            .restrict(
                List.of(
                    new ByteRange(50, 60),
                    new ByteRange(0, 10),
                    new ByteRange(10, 20),
                    new ByteRange(52, 55)));
    assertThat(union.intervals()).containsExactly(new ByteRange(0, 20), new ByteRange(50, 60));
  }

  /** What the download service sends: the runs' segments behind a new header for BOB. */
  private static byte[] slice(byte[] file, List<ByteRange> ranges) throws Exception {
    InputStream in = new ByteArrayInputStream(file);
    DecryptedHeader header = DecryptedHeader.open(Header.read(in), ALICE, Optional.empty());
    byte[] body = in.readAllBytes();
    PlaintextSelection selection = PlaintextSelection.of(header.editList()).restrict(ranges);
    List<long[]> runs = RandomAccessDecryptor.segmentRuns(selection, body.length);
    DataEditList editList = Rearrangement.editListFor(selection, runs);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    header
        .withEditList(Optional.of(editList))
        .sealFor(List.of(BOB.publicKey()), ALICE)
        .writeTo(out);
    for (long[] run : runs) {
      int start = (int) Segments.cipherOffset(run[0]);
      int end = (int) Math.min(body.length, Segments.cipherOffset(run[1] + 1));
      out.write(body, start, end - start);
    }
    assertThat(out.size()).isLessThan(file.length);
    return out.toByteArray();
  }

  private static byte[] decrypt(byte[] file) throws Exception {
    try (InputStream in = Crypt4ghInputStream.open(new ByteArrayInputStream(file), BOB)) {
      return in.readAllBytes();
    }
  }
}
