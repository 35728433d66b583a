package io.lega.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link Storage} must do. Each backend's test extends this class and says how to open a
 * fresh, empty storage for each test.
 */
abstract class StorageContractTest {
  static final int MIB = 1024 * 1024;

  /** The part size the S3 backend is opened with in these tests: the smallest S3 allows. */
  static final long PART_SIZE = S3Settings.MIN_PART_SIZE;

  protected Storage storage;

  /** A new storage with no objects. */
  protected abstract Storage openStorage() throws Exception;

  /** How many bytes of the objects being written the backend has passed on to its medium. */
  protected abstract long bytesHandedOff() throws IOException;

  /** How far a write may read ahead of what it has passed on: the backend's buffer. */
  protected abstract long maxBufferedWhileWriting();

  @BeforeEach
  void openFreshStorage() throws Exception {
    storage = openStorage();
  }

  @AfterEach
  void closeStorage() {
    if (storage != null) {
      storage.close();
    }
  }

  // --- write and read back ---

  @Test
  void writesAndReadsAnEmptyObject() throws IOException {
    assertThat(storage.write("empty", InputStream.nullInputStream())).isZero();

    assertThat(storage.stat("empty")).hasValueSatisfying(info -> assertThat(info.size()).isZero());
    try (InputStream in = storage.read("empty")) {
      assertThat(in.readAllBytes()).isEmpty();
    }
  }

  @Test
  void writesAndReadsOneByte() throws IOException {
    assertThat(storage.write("one", new ByteArrayInputStream(new byte[] {42}))).isEqualTo(1);

    try (InputStream in = storage.read("one")) {
      assertThat(in.readAllBytes()).containsExactly(42);
    }
  }

  @Test
  void writesAndReadsAFewMebibytes() throws IOException {
    assertRoundTrip("five-mib", 5L * MIB + 123);
  }

  /**
   * Around the first mebibyte, which the backends read before they take a whole buffer (S3: a part;
   * POSIX: the direct-I/O buffer) and above which the embedded S3 reads whole objects directly:
   * objects just under it, exactly it, and between it and one part.
   */
  @Test
  void writesAndReadsObjectsAroundTheFirstMebibyte() throws IOException {
    assertRoundTrip("under-one-mib", MIB - 1);
    assertRoundTrip("one-mib", MIB);
    assertRoundTrip("two-mib", 2 * MIB + 5);
  }

  @Test
  void writesAndReadsAStreamOfSeveralParts() throws IOException {
    assertRoundTrip("several-parts", 4 * PART_SIZE + 7);
  }

  @Test
  void writesAStreamExactlyOnePartLong() throws IOException {
    assertRoundTrip("one-part", PART_SIZE);
  }

  @Test
  void writeStreamsInsteadOfBufferingTheWholeObject() throws IOException {
    long size = 64L * MIB;
    AtomicLong maxLag = new AtomicLong();
    AtomicInteger checks = new AtomicInteger();
    GeneratedStream source =
        new GeneratedStream(64, size)
            .onProgress(
                produced -> {
                  try {
                    maxLag.accumulateAndGet(produced - bytesHandedOff(), Math::max);
                    checks.incrementAndGet();
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                });

    assertThat(storage.write("large", source)).isEqualTo(size);

    assertThat(checks.get()).isEqualTo((int) (size / GeneratedStream.PROGRESS_STEP));
    assertThat(maxLag.get())
        .as("bytes read from the source but not yet passed on")
        .isLessThanOrEqualTo(maxBufferedWhileWriting())
        .isLessThan(size / 4);
    assertThat(GeneratedStream.digestOf(storage.read("large")))
        .isEqualTo(new GeneratedStream.Content(size, source.sha256Hex()));
  }

  @Test
  void writeLeavesTheSourceOpen() throws IOException {
    GeneratedStream source = new GeneratedStream(5, 1000);

    storage.write("source-open", source);

    assertThat(source.closed()).isFalse();
  }

  @Test
  void overwriteReplacesTheObject() throws IOException {
    storage.write("replaced", bytes("first version, which is the longer one"));
    storage.write("replaced", bytes("second"));

    assertThat(readString("replaced")).isEqualTo("second");
    assertThat(storage.stat("replaced")).hasValueSatisfying(i -> assertThat(i.size()).isEqualTo(6));
  }

  @Test
  void nestedNamesAreIndependentObjects() throws IOException {
    storage.write("a/b/c", bytes("c"));
    storage.write("a/b/d", bytes("d"));

    assertThat(readString("a/b/c")).isEqualTo("c");
    assertThat(readString("a/b/d")).isEqualTo("d");
    assertThat(storage.exists("a/b")).isFalse();
    assertThat(storage.stat("a")).isEmpty();
    assertThatThrownBy(() -> storage.read("a/b")).isInstanceOf(NoSuchObjectException.class);
  }

  @Test
  void acceptsUnicodeAndPunctuationInNames() throws IOException {
    String name = "urn:file/ÅÄÖ ünïcode/file #1 (copy) +&=.c4gh";

    storage.write(name, bytes("x"));

    assertThat(readString(name)).isEqualTo("x");
    assertThat(storage.stat(name)).hasValueSatisfying(i -> assertThat(i.name()).isEqualTo(name));
  }

  // --- failed writes ---

  @Test
  void aSourceFailingInTheFirstPartLeavesNoObjectAndIsRethrown() throws IOException {
    IOException boom = new IOException("source broke");

    assertThatThrownBy(
            () -> storage.write("broken", new GeneratedStream(1, MIB).failingAfter(100, boom)))
        .isSameAs(boom);

    assertThat(storage.stat("broken")).isEmpty();
    assertThat(storage.exists("broken")).isFalse();
  }

  @Test
  void aSourceFailingAfterSeveralPartsLeavesNoObjectAndIsRethrown() throws IOException {
    IOException boom = new IOException("source broke after a while");
    GeneratedStream source =
        new GeneratedStream(2, 4 * PART_SIZE).failingAfter(2 * PART_SIZE + 10, boom);

    assertThatThrownBy(() -> storage.write("broken-late", source)).isSameAs(boom);

    assertThat(source.produced()).isEqualTo(2 * PART_SIZE + 10);
    assertThat(storage.stat("broken-late")).isEmpty();
    assertThatThrownBy(() -> storage.read("broken-late")).isInstanceOf(NoSuchObjectException.class);
  }

  @Test
  void aSourceThrowingAnUncheckedExceptionIsRethrownToo() throws IOException {
    IllegalStateException boom = new IllegalStateException("decoder bug");
    InputStream source =
        new InputStream() {
          @Override
          public int read() {
            throw boom;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            throw boom;
          }
        };

    assertThatThrownBy(() -> storage.write("unchecked", source)).isSameAs(boom);

    assertThat(storage.exists("unchecked")).isFalse();
  }

  @Test
  void aFailedOverwriteKeepsTheOldObject() throws IOException {
    storage.write("kept", bytes("old content"));
    IOException boom = new IOException("source broke");

    assertThatThrownBy(
            () ->
                storage.write(
                    "kept", new GeneratedStream(3, 2 * PART_SIZE).failingAfter(PART_SIZE, boom)))
        .isSameAs(boom);

    assertThat(readString("kept")).isEqualTo("old content");
  }

  // --- ranged reads ---

  @Test
  void rangedReadsAreClampedAtTheEnd() throws IOException {
    byte[] content = new byte[1000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 7);
    }
    storage.write("ranged", new ByteArrayInputStream(content));

    assertThat(readRange("ranged", 0, 10)).isEqualTo(slice(content, 0, 10));
    assertThat(readRange("ranged", 500, 600)).isEqualTo(slice(content, 500, 600));
    assertThat(readRange("ranged", 990, 1000)).isEqualTo(slice(content, 990, 1000));
    assertThat(readRange("ranged", 995, 2000)).isEqualTo(slice(content, 995, 1000));
    assertThat(readRange("ranged", 0, Long.MAX_VALUE)).isEqualTo(content);
    assertThat(readRange("ranged", 999, 1000)).containsExactly(content[999]);
    assertThat(readRange("ranged", 400, 400)).isEmpty();
    assertThat(readRange("ranged", 1000, 1010)).isEmpty();
    assertThat(readRange("ranged", 1000, 1000)).isEmpty();
    assertThat(readRange("ranged", 5000, 6000)).isEmpty();
  }

  @Test
  void rangedReadAcrossAPartBoundary() throws IOException {
    long seed = 11;
    storage.write("parts", new GeneratedStream(seed, 2 * PART_SIZE + 100));

    long start = PART_SIZE - 50;
    assertThat(readRange("parts", start, start + 100))
        .isEqualTo(GeneratedStream.slice(seed, start, 100));
    assertThat(readRange("parts", 2 * PART_SIZE, 2 * PART_SIZE + 1000))
        .isEqualTo(GeneratedStream.slice(seed, 2 * PART_SIZE, 100));
  }

  @Test
  void rangedReadsOfAnEmptyObjectAreEmpty() throws IOException {
    storage.write("empty-ranged", InputStream.nullInputStream());

    assertThat(readRange("empty-ranged", 0, 10)).isEmpty();
    assertThat(readRange("empty-ranged", 0, 0)).isEmpty();
  }

  @Test
  void rangedReadsOfAMissingObjectFail() {
    assertThatThrownBy(() -> storage.read("missing", 0, 10))
        .isInstanceOf(NoSuchObjectException.class);
    assertThatThrownBy(() -> storage.read("missing", 5, 5))
        .isInstanceOf(NoSuchObjectException.class);
  }

  @Test
  void invalidRangesAreRejected() throws IOException {
    storage.write("r", bytes("0123456789"));

    assertThatThrownBy(() -> storage.read("r", -1, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(() -> storage.read("r", 6, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("before its start");
  }

  // --- stat, exists, delete ---

  @Test
  void statDescribesTheObject() throws IOException {
    Instant before = Instant.now().minusSeconds(5);
    storage.write("dir/described", bytes("12345"));

    ObjectInfo info = storage.stat("dir/described").orElseThrow();

    assertThat(info.name()).isEqualTo("dir/described");
    assertThat(info.size()).isEqualTo(5);
    assertThat(info.lastModified()).isBetween(before, Instant.now().plusSeconds(5));
  }

  @Test
  void missingObjects() throws IOException {
    assertThat(storage.stat("nothing")).isEmpty();
    assertThat(storage.exists("nothing")).isFalse();
    assertThatThrownBy(() -> storage.read("nothing"))
        .isInstanceOf(NoSuchObjectException.class)
        .hasMessageContaining("nothing")
        .satisfies(e -> assertThat(((NoSuchObjectException) e).objectName()).isEqualTo("nothing"));
  }

  @Test
  void deleteRemovesTheObjectAndCanBeRepeated() throws IOException {
    storage.write("doomed", bytes("bye"));
    assertThat(storage.exists("doomed")).isTrue();

    storage.delete("doomed");
    storage.delete("doomed");

    assertThat(storage.exists("doomed")).isFalse();
    assertThat(storage.stat("doomed")).isEmpty();
    assertThatThrownBy(() -> storage.read("doomed")).isInstanceOf(NoSuchObjectException.class);
  }

  @Test
  void deletingAMissingObjectIsFine() throws IOException {
    storage.delete("never/existed");

    assertThat(storage.exists("never/existed")).isFalse();
  }

  @Test
  void deleteLeavesOtherObjectsAlone() throws IOException {
    storage.write("x/1", bytes("1"));
    storage.write("x/2", bytes("2"));

    storage.delete("x/1");

    assertThat(readString("x/2")).isEqualTo("2");
  }

  // --- names ---

  static Stream<String> invalidNames() {
    return Stream.of(
        "",
        "/abs",
        "..",
        ".",
        "a/../b",
        "a/..",
        "../a",
        "./a",
        "a/./b",
        "a//b",
        "a/",
        "a\u0000b",
        "a\nb",
        "x".repeat(256),
        String.join("/", java.util.Collections.nCopies(6, "y".repeat(200))));
  }

  @ParameterizedTest
  @MethodSource("invalidNames")
  void invalidNamesAreRejectedByEveryOperation(String name) {
    assertInvalid(() -> storage.write(name, bytes("x")));
    assertInvalid(() -> storage.read(name));
    assertInvalid(() -> storage.read(name, 0, 1));
    assertInvalid(() -> storage.stat(name));
    assertInvalid(() -> storage.exists(name));
    assertInvalid(() -> storage.delete(name));
  }

  // --- helpers ---

  private void assertRoundTrip(String name, long size) throws IOException {
    GeneratedStream source = new GeneratedStream(size, size);

    assertThat(storage.write(name, source)).isEqualTo(size);

    assertThat(storage.stat(name)).hasValueSatisfying(i -> assertThat(i.size()).isEqualTo(size));
    assertThat(GeneratedStream.digestOf(storage.read(name)))
        .isEqualTo(new GeneratedStream.Content(size, source.sha256Hex()));
  }

  private static void assertInvalid(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(InvalidObjectNameException.class)
        .hasMessageStartingWith("invalid object name");
  }

  static InputStream bytes(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  String readString(String name) throws IOException {
    try (InputStream in = storage.read(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  byte[] readRange(String name, long start, long end) throws IOException {
    try (InputStream in = storage.read(name, start, end)) {
      return in.readAllBytes();
    }
  }

  private static byte[] slice(byte[] content, int from, int to) {
    return java.util.Arrays.copyOfRange(content, from, to);
  }
}
