package io.lega.crypt4gh.hostile;

import static io.lega.crypt4gh.hostile.Forge.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.Crypt4ghException;
import io.lega.crypt4gh.error.SegmentAuthenticationException;
import io.lega.crypt4gh.error.TruncatedException;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.roundtrip.TestData;
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
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Damaged bodies: truncated trailing segments, flipped bits, segments from another file. Every
 * decryption path fails with the typed error naming the right segment, and the streaming path never
 * returns a byte of a segment that did not authenticate, nor reads past it.
 */
class HostileBodyTest {
  private static final int S = Segments.PLAIN_SIZE;
  private static final int C = Segments.CIPHER_SIZE;
  private static final Crypt4ghPrivateKey READER = TestData.key(200);

  @TempDir Path temp;

  // ---------------------------------------------------------------- truncation

  static java.util.stream.IntStream oneTo27() {
    return java.util.stream.IntStream.rangeClosed(1, Segments.OVERHEAD - 1);
  }

  @ParameterizedTest(name = "{0} trailing bytes")
  @org.junit.jupiter.params.provider.MethodSource("oneTo27")
  void aTrailingSegmentTooShortForNonceAndTagIsTruncated(int trailing) throws IOException {
    // Extra bytes after a body of whole segments.
    byte[] plain = TestData.plaintext(201, 2 * S);
    byte[] file = TestData.encrypt(plain, READER.publicKey());
    byte[] appended = concat(file, TestData.plaintext(trailing, trailing));
    assertEveryPathFails(appended, plain, 2, TruncatedException.class, e -> {});

    // A last, partial segment cut short.
    byte[] plain2 = TestData.plaintext(202, 2 * S + 1000);
    byte[] file2 = TestData.encrypt(plain2, READER.publicKey());
    byte[] cut = Arrays.copyOf(file2, file2.length - (1000 + 28) + trailing);
    assertEveryPathFails(cut, plain2, 2, TruncatedException.class, e -> {});
  }

  @Test
  void twentyEightTrailingBytesAreAnEmptySegmentThatMustAuthenticate() throws IOException {
    byte[] plain = TestData.plaintext(203, S);
    byte[] file = concat(TestData.encrypt(plain, READER.publicKey()), new byte[28]);
    assertEveryPathFails(
        file,
        plain,
        1,
        SegmentAuthenticationException.class,
        e -> assertThat(((SegmentAuthenticationException) e).segmentIndex()).isEqualTo(1));
  }

  @Test
  void aSegmentCutInsideItsCiphertextFailsAuthentication() throws IOException {
    byte[] plain = TestData.plaintext(204, 3 * S);
    byte[] file = TestData.encrypt(plain, READER.publicKey());
    for (int keep : new int[] {28, 29, 1000, C - 1}) {
      byte[] cut = Arrays.copyOf(file, file.length - C + keep);
      assertEveryPathFails(
          cut,
          plain,
          2,
          SegmentAuthenticationException.class,
          e -> assertThat(((SegmentAuthenticationException) e).segmentIndex()).isEqualTo(2));
    }
  }

  // ---------------------------------------------------------------- flipped bits

  @Test
  void aFlippedBitAnywhereInASegmentNamesThatSegment() throws IOException {
    byte[] plain = TestData.plaintext(205, 4 * S + 100); // 5 segments, the last of 128 bytes
    byte[] file = TestData.encrypt(plain, READER.publicKey());
    int header = TestData.headerLength(file);
    int segments = 5;
    for (int segment = 0; segment < segments; segment++) {
      int start = header + segment * C;
      int length = Math.min(C, file.length - start);
      int[] offsets = {
        0, 5, 11, 12, 13, length / 2, length - 17, length - 16, length - 9, length - 1
      };
      for (int offset : offsets) {
        byte[] damaged = file.clone();
        damaged[start + offset] ^= (byte) (1 << (offset % 8));
        int index = segment;
        assertEveryPathFails(
            damaged,
            plain,
            segment,
            SegmentAuthenticationException.class,
            e ->
                assertThat(((SegmentAuthenticationException) e).segmentIndex())
                    .as("segment %d, offset %d", index, offset)
                    .isEqualTo(index));
      }
    }
  }

  @Test
  void thePipeNamesTheRightSegmentAcrossItsBatches() throws IOException {
    byte[] plain = TestData.plaintext(206, 5 * 1024 * 1024 + 17); // 81 segments, 3 batches
    byte[] file = TestData.encrypt(plain, READER.publicKey());
    int header = TestData.headerLength(file);
    DecryptedHeader opened = open(file);
    for (int segment : new int[] {0, 1, 31, 32, 33, 63, 64, 65, 79, 80}) {
      byte[] damaged = file.clone();
      damaged[header + segment * C + 40] ^= 1;
      byte[] body = Arrays.copyOfRange(damaged, header, damaged.length);
      for (int threads : new int[] {1, 3}) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(
                () ->
                    new ParallelBodyPipe(threads)
                        .decrypt(
                            Channels.newChannel(new ByteArrayInputStream(body)),
                            Channels.newChannel(out),
                            opened.dataKeys()))
            .isInstanceOfSatisfying(
                SegmentAuthenticationException.class,
                e -> assertThat(e.segmentIndex()).as("threads %d", threads).isEqualTo(segment));
        // What it wrote before failing is plaintext of whole batches before the damage.
        byte[] written = out.toByteArray();
        assertThat(written.length).isLessThanOrEqualTo(segment * S);
        assertThat(written).isEqualTo(Arrays.copyOf(plain, written.length));
      }
      // And the streaming path stops right after the damaged segment.
      TripwireInputStream in = TripwireInputStream.of(damaged, header + (segment + 1L) * C);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThatThrownBy(() -> drain(Crypt4ghInputStream.open(in, READER), out))
          .isInstanceOfSatisfying(
              SegmentAuthenticationException.class,
              e -> assertThat(e.segmentIndex()).isEqualTo(segment));
      assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(plain, segment * S));
    }
  }

  @Test
  void aStreamThatFailedAuthenticationStaysFailed() throws IOException {
    byte[] plain = TestData.plaintext(208, 3 * S + 10);
    byte[] file = TestData.encrypt(plain, READER.publicKey());
    int header = TestData.headerLength(file);
    file[header + C + 100] ^= 4; // segment 1 of 0..3
    Path path = temp.resolve("sticky.c4gh");
    Files.write(path, file);
    try (FileChannel channel = FileChannel.open(path)) {
      InputStream[] streams = {
        Crypt4ghInputStream.open(new ByteArrayInputStream(file), READER),
        new RandomAccessDecryptor(CiphertextSource.of(channel, header), open(file))
            .open(ByteRange.all()),
      };
      for (InputStream in : streams) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> drain(in, out)).isInstanceOf(SegmentAuthenticationException.class);
        assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(plain, S));
        // A caller that ignores the error and reads on gets no plaintext after the bad segment.
        for (int attempt = 0; attempt < 3; attempt++) {
          assertThatThrownBy(() -> in.read(new byte[S]))
              .as("read %d after the failure", attempt)
              .isInstanceOfSatisfying(
                  SegmentAuthenticationException.class,
                  e -> assertThat(e.segmentIndex()).isEqualTo(1));
          assertThatThrownBy(in::read).isInstanceOf(SegmentAuthenticationException.class);
        }
      }
    }
  }

  // ---------------------------------------------------------------- segments from elsewhere

  @Test
  void aSegmentSwappedInFromAnotherFileFails() throws IOException {
    byte[] plain = TestData.plaintext(207, 3 * S + 10);
    byte[] a = TestData.encrypt(plain, READER.publicKey());
    byte[] b = TestData.encrypt(plain, READER.publicKey());
    int header = TestData.headerLength(a);
    assertThat(TestData.headerLength(b)).isEqualTo(header);
    for (int segment = 0; segment < 4; segment++) {
      byte[] swapped = a.clone();
      int start = header + segment * C;
      int end = Math.min(swapped.length, start + C);
      System.arraycopy(b, start, swapped, start, end - start);
      int index = segment;
      assertEveryPathFails(
          swapped,
          plain,
          segment,
          SegmentAuthenticationException.class,
          e -> assertThat(((SegmentAuthenticationException) e).segmentIndex()).isEqualTo(index));
    }
    // The header of one file with the body of the other fails at the first segment.
    byte[] mixed = concat(Arrays.copyOf(b, header), Arrays.copyOfRange(a, header, a.length));
    assertEveryPathFails(
        mixed,
        plain,
        0,
        SegmentAuthenticationException.class,
        e -> assertThat(((SegmentAuthenticationException) e).segmentIndex()).isZero());
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Asserts that the stream, random access (whole file and a range inside the bad segment), and the
   * parallel pipe on 1 and 3 threads all fail on {@code file} with {@code type}, that the stream
   * first returned exactly the plaintext of the {@code badSegment} segments before, and did not
   * read past the bad segment.
   */
  private void assertEveryPathFails(
      byte[] file,
      byte[] plain,
      int badSegment,
      Class<? extends Crypt4ghException> type,
      Consumer<Throwable> check)
      throws IOException {
    int header = TestData.headerLength(file);
    long limit = Math.min(file.length, header + (badSegment + 1L) * C);

    // Streaming: the good segments, then the error; nothing read after the bad segment.
    TripwireInputStream in = TripwireInputStream.of(file, limit);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      drain(Crypt4ghInputStream.open(in, READER), out);
      fail("the stream decrypted a damaged file");
    } catch (Crypt4ghException e) {
      assertThat(e).isInstanceOf(type).satisfies(check::accept);
    }
    assertThat(out.toByteArray()).isEqualTo(Arrays.copyOf(plain, badSegment * S));
    assertThat(in.consumed()).isLessThanOrEqualTo(limit);

    // Streaming a range that starts in the bad segment.
    assertThatThrownBy(
            () -> {
              try (InputStream range =
                  Crypt4ghInputStream.open(
                      new ByteArrayInputStream(file),
                      READER,
                      Optional.empty(),
                      ByteRange.from((long) badSegment * S))) {
                range.readAllBytes();
              }
            })
        .isInstanceOf(type)
        .satisfies(check::accept);

    // Random access.
    Path path = temp.resolve("damaged.c4gh");
    Files.write(path, file);
    DecryptedHeader opened = open(file);
    try (FileChannel channel = FileChannel.open(path)) {
      RandomAccessDecryptor decryptor =
          new RandomAccessDecryptor(CiphertextSource.of(channel, header), opened);
      for (ByteRange range :
          new ByteRange[] {
            ByteRange.all(),
            ByteRange.from((long) badSegment * S),
            new ByteRange((long) badSegment * S, (long) badSegment * S + 1)
          }) {
        assertThatThrownBy(
                () -> {
                  try (InputStream r = decryptor.open(range)) {
                    r.readAllBytes();
                  }
                })
            .as("random access %s", range)
            .isInstanceOf(type)
            .satisfies(check::accept);
      }
      if (badSegment > 0) {
        // The segments before the damage still read.
        try (InputStream r = decryptor.open(new ByteRange(0, (long) badSegment * S))) {
          assertThat(r.readAllBytes()).isEqualTo(Arrays.copyOf(plain, badSegment * S));
        }
      }
    }

    // The parallel pipe, from a stream and from the file.
    byte[] body = Arrays.copyOfRange(file, header, file.length);
    for (int threads : new int[] {1, 3}) {
      assertThatThrownBy(
              () ->
                  new ParallelBodyPipe(threads)
                      .decrypt(
                          Channels.newChannel(new ByteArrayInputStream(body)),
                          Channels.newChannel(new ByteArrayOutputStream()),
                          opened.dataKeys()))
          .as("pipe on %d threads", threads)
          .isInstanceOf(type)
          .satisfies(check::accept);
      try (FileChannel channel = FileChannel.open(path)) {
        channel.position(header);
        assertThatThrownBy(
                () ->
                    new ParallelBodyPipe(threads)
                        .decrypt(
                            channel,
                            Channels.newChannel(new ByteArrayOutputStream()),
                            opened.dataKeys()))
            .as("pipe on %d threads from a file", threads)
            .isInstanceOf(type)
            .satisfies(check::accept);
      }
    }
  }

  private static DecryptedHeader open(byte[] file) throws IOException {
    return DecryptedHeader.open(
        Header.read(new ByteArrayInputStream(file)), READER, Optional.empty());
  }

  /** Copies in odd-sized reads, so that what came before an error is kept. */
  private static void drain(InputStream in, ByteArrayOutputStream out) throws IOException {
    try (in) {
      byte[] buffer = new byte[10_007];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
    }
  }
}
