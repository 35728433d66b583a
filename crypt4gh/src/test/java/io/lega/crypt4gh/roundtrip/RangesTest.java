package io.lega.crypt4gh.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.stream.CiphertextSource;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.RandomAccessDecryptor;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Plaintext ranges at and across segment boundaries, and past the end, through the stream and
 * through random access over a file, compared with {@code Arrays.copyOfRange} of the plaintext.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RangesTest {
  private static final int S = Segments.PLAIN_SIZE;
  private static final int[] SIZES = {0, 1, 65535, 65536, 65537, 3 * S, 5 * 1024 * 1024 + 17};
  private static final Crypt4ghPrivateKey READER = TestData.key(60);

  private Path temp;

  private final List<byte[]> plaintexts = new ArrayList<>();
  private final List<byte[]> files = new ArrayList<>();
  private final List<Path> paths = new ArrayList<>();

  @BeforeAll
  void encryptEverySize(@TempDir Path dir) throws IOException {
    temp = dir;
    for (int i = 0; i < SIZES.length; i++) {
      byte[] plain = TestData.plaintext(600 + i, SIZES[i]);
      byte[] file = TestData.encrypt(plain, READER.publicKey());
      Path path = temp.resolve("size-" + SIZES[i] + ".c4gh");
      Files.write(path, file);
      plaintexts.add(plain);
      files.add(file);
      paths.add(path);
    }
  }

  /** Every size with every range that makes sense for it. */
  static Stream<Arguments> cases() {
    List<Arguments> cases = new ArrayList<>();
    for (int i = 0; i < SIZES.length; i++) {
      long n = SIZES[i];
      long[][] ranges = {
        {0, 0},
        {0, 1},
        {S - 1, S + 1},
        {S, 2L * S},
        {S, S},
        {S - 1, S},
        {2L * S, 2L * S + 1},
        {S - 1, 2L * S + 1},
        {1, n},
        {n - 1, n},
        {n / 3, 2 * n / 3},
        {0, n},
        // past the end: empty, or truncated to the size
        {n, n},
        {n, n + 10},
        {n + 1, n + 100},
        {n + 5L * S, n + 6L * S},
        {n - 1, n + 1000},
        {0, n + 3L * S},
        {0, ByteRange.UNBOUNDED},
        {n - 1, ByteRange.UNBOUNDED},
        {n + 1, ByteRange.UNBOUNDED},
        {S + 7, ByteRange.UNBOUNDED},
        // positions no file can reach
        {Long.MAX_VALUE - 10, Long.MAX_VALUE - 1},
        {n - 1, Long.MAX_VALUE - 1},
        {Long.MAX_VALUE - 1, ByteRange.UNBOUNDED},
      };
      for (long[] r : ranges) {
        if (r[0] >= 0 && r[0] <= r[1]) {
          cases.add(Arguments.of(i, n, r[0], r[1]));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "size {1}: [{2}, {3})")
  @MethodSource("cases")
  void theStreamReturnsExactlyTheRangeAndStopsReadingAfterIt(
      int which, long size, long start, long end) throws IOException {
    byte[] plain = plaintexts.get(which);
    byte[] file = files.get(which);
    byte[] expected = TestData.slice(plain, start, end);

    CountingInputStream counting = new CountingInputStream(new ByteArrayInputStream(file));
    try (InputStream in =
        Crypt4ghInputStream.open(counting, READER, Optional.empty(), new ByteRange(start, end))) {
      assertThat(in.readAllBytes()).isEqualTo(expected);
    }
    int header = TestData.headerLength(file);
    if (expected.length > 0) {
      long lastSegment = Segments.indexOf(start + expected.length - 1);
      assertThat(counting.count)
          .as("bytes read from the file")
          .isLessThanOrEqualTo(header + Segments.cipherOffset(lastSegment + 1));
    }
  }

  @ParameterizedTest(name = "size {1}: [{2}, {3})")
  @MethodSource("cases")
  void randomAccessReturnsExactlyTheRangeAndReadsOnlyItsSegments(
      int which, long size, long start, long end) throws IOException {
    byte[] plain = plaintexts.get(which);
    byte[] file = files.get(which);
    byte[] expected = TestData.slice(plain, start, end);
    Header header = Header.read(new ByteArrayInputStream(file));
    DecryptedHeader opened = DecryptedHeader.open(header, READER, Optional.empty());

    try (FileChannel channel = FileChannel.open(paths.get(which))) {
      RecordingSource source = new RecordingSource(CiphertextSource.of(channel, header.length()));
      RandomAccessDecryptor decryptor = new RandomAccessDecryptor(source, opened);
      assertThat(decryptor.plaintextSize()).isEqualTo(size);
      try (InputStream in = decryptor.open(new ByteRange(start, end))) {
        assertThat(in.readAllBytes()).isEqualTo(expected);
      }
      long opened_ = source.requested();
      if (expected.length > 0) {
        long first = Segments.indexOf(start);
        long last = Segments.indexOf(start + expected.length - 1);
        assertThat(source.ranges).hasSize(1);
        assertThat(source.ranges.get(0)[0]).isEqualTo(Segments.cipherOffset(first));
        assertThat(source.ranges.get(0)[1])
            .isEqualTo(Math.min(channel.size() - header.length(), Segments.cipherOffset(last + 1)));
      } else {
        assertThat(opened_)
            .as("bytes requested for an empty range")
            .isLessThanOrEqualTo(Segments.CIPHER_SIZE);
      }
      // The same decryptor reads single bytes too.
      try (InputStream in = decryptor.open(new ByteRange(start, end))) {
        byte[] bytes = new byte[Math.min(expected.length, 70_000)];
        for (int i = 0; i < bytes.length; i++) {
          int b = in.read();
          assertThat(b).isNotNegative();
          bytes[i] = (byte) b;
        }
        assertThat(bytes).isEqualTo(TestData.slice(expected, 0, bytes.length));
      }
    }
  }

  /** Counts the bytes an input stream hands out. */
  static final class CountingInputStream extends FilterInputStream {
    long count;

    CountingInputStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(n);
      count += skipped;
      return skipped;
    }
  }

  /** Records the ranged reads a random-access decryptor makes. */
  static final class RecordingSource implements CiphertextSource {
    final CiphertextSource source;
    final List<long[]> ranges = new ArrayList<>();

    RecordingSource(CiphertextSource source) {
      this.source = source;
    }

    @Override
    public long size() throws IOException {
      return source.size();
    }

    @Override
    public InputStream open(long start, long end) throws IOException {
      ranges.add(new long[] {start, end});
      return source.open(start, end);
    }

    long requested() {
      return ranges.stream().mapToLong(r -> r[1] - r[0]).sum();
    }
  }
}
