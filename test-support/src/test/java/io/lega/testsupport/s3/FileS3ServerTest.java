package io.lega.testsupport.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.testsupport.S3Connection;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The S3 protocol of {@link FileS3Server} as the MinIO SDK (payload-signing) and raw HTTP see it.
 */
class FileS3ServerTest {
  @TempDir Path dir;
  private FileS3Server server;
  private MinioClient client;

  @BeforeEach
  void start() throws Exception {
    server = FileS3Server.builder(dir).start();
    client = client(new OkHttpClient());
    client.makeBucket(MakeBucketArgs.builder().bucket("bucket").build());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aPayloadSignedBySha256IsVerifiedAndStored() throws Exception {
    byte[] data = "signed payload".getBytes(StandardCharsets.UTF_8);
    client.putObject(
        PutObjectArgs.builder().bucket("bucket").object("signed").stream(
                new ByteArrayInputStream(data), data.length, -1)
            .build());

    try (InputStream in =
        client.getObject(GetObjectArgs.builder().bucket("bucket").object("signed").build())) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(client.bucketExists(BucketExistsArgs.builder().bucket("bucket").build())).isTrue();
  }

  @Test
  void aBodyChangedAfterSigningIsRefusedAndNothingIsKept() throws Exception {
    MinioClient tampering =
        client(
            new OkHttpClient.Builder()
                .addNetworkInterceptor(
                    chain -> {
                      Request request = chain.request();
                      if (!"PUT".equals(request.method()) || request.body() == null) {
                        return chain.proceed(request);
                      }
                      Buffer original = new Buffer();
                      request.body().writeTo(original);
                      byte[] bytes = original.readByteArray();
                      bytes[0] ^= 1;
                      return chain.proceed(
                          request
                              .newBuilder()
                              .method(
                                  "PUT", RequestBody.create(bytes, request.body().contentType()))
                              .build());
                    })
                .build());
    byte[] data = "payload".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () ->
                tampering.putObject(
                    PutObjectArgs.builder().bucket("bucket").object("tampered").stream(
                            new ByteArrayInputStream(data), data.length, -1)
                        .build()))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.errorResponse().code()).isEqualTo("XAmzContentSHA256Mismatch"));
    assertThatThrownBy(
            () ->
                client.statObject(
                    StatObjectArgs.builder().bucket("bucket").object("tampered").build()))
        .isInstanceOf(ErrorResponseException.class);
    try (Stream<Path> tmp = Files.list(dir.resolve("bucket").resolve("tmp"))) {
      assertThat(tmp).isEmpty();
    }
  }

  @Test
  void unsignedRequestsAreRefused() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(server.connection().endpoint() + "/bucket/anything"))
                    .PUT(HttpRequest.BodyPublishers.ofString("x"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("<Code>AccessDenied</Code>");
    assertThat(dir.resolve("bucket").resolve("objects")).isEmptyDirectory();
  }

  @Test
  void aWrongSecretIsRefused() {
    S3Connection c = server.connection();
    MinioClient wrong =
        MinioClient.builder()
            .endpoint(c.endpoint().toString())
            .region(c.region())
            .credentials(c.accessKey(), "wrong")
            .build();

    assertThatThrownBy(() -> wrong.makeBucket(MakeBucketArgs.builder().bucket("other").build()))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.errorResponse().code()).isEqualTo("SignatureDoesNotMatch"));
    assertThat(dir.resolve("other")).doesNotExist();
  }

  @Test
  void rangesBeyondTheEndAreRefusedAndSuffixRangesServed() throws Exception {
    byte[] data = "0123456789".getBytes(StandardCharsets.UTF_8);
    client.putObject(
        PutObjectArgs.builder().bucket("bucket").object("digits").stream(
                new ByteArrayInputStream(data), data.length, -1)
            .build());

    try (InputStream in =
        client.getObject(
            GetObjectArgs.builder().bucket("bucket").object("digits").offset(7L).build())) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("789");
    }
    assertThatThrownBy(
            () ->
                client.getObject(
                    GetObjectArgs.builder().bucket("bucket").object("digits").offset(10L).build()))
        .isInstanceOfSatisfying(
            ErrorResponseException.class,
            e -> assertThat(e.errorResponse().code()).isEqualTo("InvalidRange"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", ".", "../../etc/passwd", "a/b/c", "ünï cödé%2F", "/lead"})
  void everyKeyIsOneFileNameInsideTheBucket(String key) {
    String name = FileNames.encode(key);

    assertThat(name).doesNotContain("/").isNotEqualTo(".").isNotEqualTo("..");
    assertThat(FileNames.decode(name)).isEqualTo(key);
  }

  private MinioClient client(OkHttpClient http) {
    S3Connection c = server.connection();
    return MinioClient.builder()
        .endpoint(c.endpoint().toString())
        .region(c.region())
        .credentials(c.accessKey(), c.secretKey())
        .httpClient(http)
        .build();
  }
}
