package io.lega.platform.storage;

import static io.lega.platform.storage.S3TestSettings.forServer;
import static io.lega.platform.storage.S3TestSettings.withBucket;
import static io.lega.platform.storage.S3TestSettings.withCreateBucket;
import static io.lega.platform.storage.S3TestSettings.withPartSize;
import static io.lega.platform.storage.S3TestSettings.withRegion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.testsupport.S3Connection;
import io.lega.testsupport.embedded.EmbeddedS3;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.ForwardingSink;
import okio.Okio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The contract against s3proxy (in memory), one fresh bucket per test. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3StorageTest extends StorageContractTest {
  private EmbeddedS3 s3;
  private final AtomicInteger buckets = new AtomicInteger();
  private AtomicLong bytesSent;
  private S3Settings settings;

  @BeforeAll
  void startS3() {
    s3 = EmbeddedS3.start();
  }

  @AfterAll
  void stopS3() {
    if (s3 != null) {
      s3.close();
    }
  }

  @Override
  protected Storage openStorage() throws Exception {
    S3Connection connection = s3.connection();
    settings =
        withPartSize(forServer(connection, "contract-" + buckets.incrementAndGet()), PART_SIZE);
    AtomicLong sent = new AtomicLong();
    bytesSent = sent;
    return S3Storage.open(settings, http -> http.addInterceptor(countRequestBodies(sent)));
  }

  @Override
  protected long bytesHandedOff() {
    return bytesSent.get();
  }

  @Override
  protected long maxBufferedWhileWriting() {
    // the SDK reads one part, plus a little look-ahead, before sending it
    return 2 * PART_SIZE;
  }

  @Test
  void theBucketIsCreatedWhenMissing() {
    assertThat(s3.blobStore().containerExists(settings.bucket())).isTrue();
    assertThat(((S3Storage) storage).bucket()).isEqualTo(settings.bucket());
  }

  @Test
  void aMissingBucketIsAnErrorWhenCreationIsOff() {
    S3Settings noCreate = withCreateBucket(withBucket(settings, "not-there"), false);

    assertThatThrownBy(() -> S3Storage.open(noCreate))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("'not-there'")
        .hasMessageContaining(noCreate.endpoint())
        .hasMessageContaining("does not exist");
    assertThat(s3.blobStore().containerExists("not-there")).isFalse();
  }

  @Test
  void anExistingBucketIsUsedAsItIs() throws IOException {
    storage.write("kept", bytes("x"));

    try (Storage again = S3Storage.open(withCreateBucket(settings, false))) {
      assertThat(again.exists("kept")).isTrue();
    }
  }

  @Test
  void statCarriesTheEtag() throws IOException {
    storage.write("tagged", bytes("x"));

    assertThat(storage.stat("tagged").orElseThrow().etag())
        .hasValueSatisfying(etag -> assertThat(etag).isNotBlank().doesNotContain("\""));
  }

  @Test
  void aFailedMultipartWriteLeavesNoUploadBehind() {
    IOException boom = new IOException("broken");
    AtomicInteger uploadsSeen = new AtomicInteger();
    GeneratedStream source =
        new GeneratedStream(4, 3 * PART_SIZE)
            .failingAfter(2 * PART_SIZE, boom)
            .onProgress(
                produced ->
                    uploadsSeen.accumulateAndGet(
                        s3.blobStore().listMultipartUploads(settings.bucket()).size(), Math::max));

    assertThatThrownBy(() -> storage.write("aborted", source)).isSameAs(boom);

    assertThat(uploadsSeen.get()).as("a multipart upload was under way").isEqualTo(1);
    assertThat(s3.blobStore().listMultipartUploads(settings.bucket())).isEmpty();
  }

  @Test
  void refusedCredentialsFailWithoutShowingTheSecret() {
    String wrongSecret = "wrong-secret-" + "7f3a9c";
    S3Settings wrong =
        new S3Settings(
            settings.endpoint(),
            settings.region(),
            settings.accessKey(),
            wrongSecret,
            settings.bucket(),
            true,
            PART_SIZE,
            null);

    assertThatThrownBy(() -> S3Storage.open(wrong))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("'" + settings.bucket() + "'")
        .hasMessageContaining(settings.endpoint())
        .satisfies(
            e -> {
              String everything = stackTrace(e);
              assertThat(everything).doesNotContain(wrongSecret);
              assertThat(everything).doesNotContain(s3.connection().secretKey());
            });
  }

  @Test
  void anUnreachableEndpointFailsClearly() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    S3Settings unreachable =
        withRegion(S3Settings.of("http://127.0.0.1:" + port, "ak", "sk", "bucket"), "us-east-1");

    assertThatThrownBy(() -> S3Storage.open(unreachable))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("http://127.0.0.1:" + port)
        .hasMessageContaining("'bucket'");
  }

  @Test
  void secretsStayOutOfToString() {
    assertThat(settings.toString())
        .doesNotContain(settings.secretKey())
        .contains("secretKey=****")
        .contains(settings.bucket());
    assertThat(storage.toString())
        .doesNotContain(settings.secretKey())
        .contains(settings.bucket())
        .contains(settings.endpoint());
  }

  @Test
  void theFactoryOpensAnS3Storage() throws IOException {
    try (Storage made = Storages.create(withBucket(settings, "from-factory"))) {
      assertThat(made).isInstanceOf(S3Storage.class);
      made.write("x", bytes("y"));
    }
    assertThat(s3.blobStore().blobExists("from-factory", "x")).isTrue();
  }

  @Test
  void copyBetweenS3AndPosix(@TempDir Path temp) throws IOException {
    GeneratedStream source = new GeneratedStream(21, PART_SIZE + 3);
    storage.write("archive/file", source);

    try (Storage posix = PosixStorage.open(PosixSettings.of(temp));
        Storage otherBucket = S3Storage.open(withBucket(settings, "backup"))) {
      assertThat(Storages.copy(storage, posix, "archive/file")).isEqualTo(PART_SIZE + 3);
      assertThat(Storages.copy(posix, otherBucket, "archive/file")).isEqualTo(PART_SIZE + 3);

      assertThat(GeneratedStream.digestOf(otherBucket.read("archive/file")).sha256())
          .isEqualTo(source.sha256Hex());
    }
  }

  /** Counts the bytes of every request body as OkHttp writes them to the connection. */
  static Interceptor countRequestBodies(AtomicLong sent) {
    return chain -> {
      Request request = chain.request();
      RequestBody body = request.body();
      if (body == null) {
        return chain.proceed(request);
      }
      RequestBody counted =
          new RequestBody() {
            @Override
            public MediaType contentType() {
              return body.contentType();
            }

            @Override
            public long contentLength() throws IOException {
              return body.contentLength();
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
              BufferedSink counting =
                  Okio.buffer(
                      new ForwardingSink(sink) {
                        @Override
                        public void write(Buffer source, long byteCount) throws IOException {
                          super.write(source, byteCount);
                          sent.addAndGet(byteCount);
                        }
                      });
              body.writeTo(counting);
              counting.emit();
            }
          };
      return chain.proceed(request.newBuilder().method(request.method(), counted).build());
    };
  }

  private static String stackTrace(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
