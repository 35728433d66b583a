package io.lega.platform.storage;

import static io.lega.platform.storage.S3TestSettings.forServer;
import static io.lega.platform.storage.S3TestSettings.withPartSize;
import static io.lega.platform.storage.S3TestSettings.withRegion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.testsupport.S3Connection;
import io.lega.testsupport.s3.FileS3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The contract against the file-backed S3 server of {@code ./lega up}, one bucket per test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FileS3StorageTest extends StorageContractTest {
  @TempDir static Path dir;
  private FileS3Server s3;
  private final AtomicInteger buckets = new AtomicInteger();
  private AtomicLong bytesSent;
  private S3Settings settings;

  @BeforeAll
  void startS3() {
    s3 = FileS3Server.builder(dir.resolve("s3")).start();
  }

  @AfterAll
  void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Override
  protected Storage openStorage() throws Exception {
    settings = settingsFor(s3.connection(), "contract-" + buckets.incrementAndGet());
    AtomicLong sent = new AtomicLong();
    bytesSent = sent;
    return S3Storage.open(
        settings, http -> http.addInterceptor(S3StorageTest.countRequestBodies(sent)));
  }

  @Override
  protected long bytesHandedOff() {
    return bytesSent.get();
  }

  @Override
  protected long maxBufferedWhileWriting() {
    return 2 * PART_SIZE;
  }

  @Test
  void aFailedMultipartWriteLeavesNoUploadOrTemporaryFileBehind() throws IOException {
    IOException boom = new IOException("broken");
    AtomicInteger uploadsSeen = new AtomicInteger();
    Path bucketDir = dir.resolve("s3").resolve(settings.bucket());
    GeneratedStream source =
        new GeneratedStream(4, 3 * PART_SIZE)
            .failingAfter(2 * PART_SIZE, boom)
            .onProgress(
                produced ->
                    uploadsSeen.accumulateAndGet(count(bucketDir.resolve("uploads")), Math::max));

    assertThatThrownBy(() -> storage.write("aborted", source)).isSameAs(boom);

    assertThat(uploadsSeen.get()).as("a multipart upload was under way").isEqualTo(1);
    assertThat(count(bucketDir.resolve("uploads"))).isZero();
    assertThat(count(bucketDir.resolve("tmp"))).isZero();
    assertThat(storage.exists("aborted")).isFalse();
  }

  @Test
  void objectsSurviveARestartOfTheServer(@TempDir Path own) throws IOException {
    GeneratedStream data = new GeneratedStream(8, 2 * PART_SIZE + 5);
    try (FileS3Server first = FileS3Server.builder(own).start();
        Storage a = S3Storage.open(settingsFor(first.connection(), "kept"))) {
      a.write("file", data);
    }
    try (FileS3Server second = FileS3Server.builder(own).start();
        Storage b = S3Storage.open(settingsFor(second.connection(), "kept"))) {
      assertThat(b.stat("file").orElseThrow().size()).isEqualTo(2 * PART_SIZE + 5);
      assertThat(GeneratedStream.digestOf(b.read("file")))
          .isEqualTo(contentOf(8, 2 * PART_SIZE + 5));
    }
  }

  @Test
  void aWrongSecretIsRefused() {
    S3Connection c = s3.connection();
    S3Settings wrong =
        withRegion(
            S3Settings.of(c.endpoint().toString(), c.accessKey(), "not-the-secret", "refused"),
            c.region());

    assertThatThrownBy(() -> S3Storage.open(wrong))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("HTTP 403");
    assertThat(dir.resolve("s3").resolve("refused")).doesNotExist();
  }

  @Test
  void keysStayInsideTheirBucketDirectory() throws IOException {
    storage.write("a/b/c", bytes("x"));
    storage.write("..%2F..%2Fescape", bytes("y"));

    try (Stream<Path> all = Files.walk(dir.resolve("s3"))) {
      assertThat(all.filter(Files::isRegularFile))
          .allSatisfy(
              file -> assertThat(file.getParent().getFileName().toString()).isEqualTo("objects"));
    }
    assertThat(readString("a/b/c")).isEqualTo("x");
    assertThat(readString("..%2F..%2Fescape")).isEqualTo("y");
  }

  @Test
  void concurrentWritesOfOneKeyLeaveOneWholeObject() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Long>> writes =
          Stream.of(1, 2, 3, 4)
              .map(
                  seed ->
                      pool.submit(
                          () -> storage.write("raced", new GeneratedStream(seed, PART_SIZE + 7))))
              .toList();
      for (Future<Long> write : writes) {
        assertThat(write.get()).isEqualTo(PART_SIZE + 7);
      }
    } finally {
      pool.shutdownNow();
    }
    GeneratedStream.Content stored = GeneratedStream.digestOf(storage.read("raced"));
    assertThat(Stream.of(1, 2, 3, 4).map(seed -> contentOf(seed, PART_SIZE + 7)))
        .as("the object is one writer's whole stream")
        .contains(stored);
  }

  private static GeneratedStream.Content contentOf(long seed, long size) {
    try {
      return GeneratedStream.digestOf(new GeneratedStream(seed, size));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static S3Settings settingsFor(S3Connection c, String bucket) {
    return withPartSize(forServer(c, bucket), PART_SIZE);
  }

  private static int count(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return (int) entries.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
