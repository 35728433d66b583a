package io.lega.testsupport.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.testsupport.Checks;
import io.lega.testsupport.Net;
import io.lega.testsupport.S3Buckets;
import io.lega.testsupport.S3Connection;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedS3Test {

  private static final long PART = 5L * 1024 * 1024;

  @Test
  void startsServesTheMinioClientAndStops() throws Exception {
    S3Connection s3;
    try (EmbeddedS3 server = EmbeddedS3.start()) {
      s3 = server.connection();
      MinioClient minio = Checks.minio(s3);
      String bucket = "lega-inbox";
      minio.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      assertThat(minio.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())).isTrue();

      // more than one part, of a length the client is not told: a multipart upload
      byte[] data = new byte[(int) PART + 123_457];
      new Random(42).nextBytes(data);
      minio.putObject(
          PutObjectArgs.builder().bucket(bucket).object("user/file.c4gh").stream(
                  unknownLength(data), -1, PART)
              .contentType("application/octet-stream")
              .build());

      StatObjectResponse stat =
          minio.statObject(
              StatObjectArgs.builder().bucket(bucket).object("user/file.c4gh").build());
      assertThat(stat.size()).isEqualTo(data.length);

      long offset = PART - 1000;
      long length = 70_000;
      try (InputStream in =
          minio.getObject(
              GetObjectArgs.builder()
                  .bucket(bucket)
                  .object("user/file.c4gh")
                  .offset(offset)
                  .length(length)
                  .build())) {
        assertThat(in.readAllBytes())
            .isEqualTo(Arrays.copyOfRange(data, (int) offset, (int) (offset + length)));
      }

      minio.removeObject(
          RemoveObjectArgs.builder().bucket(bucket).object("user/file.c4gh").build());
      assertThatThrownBy(
              () ->
                  minio.statObject(
                      StatObjectArgs.builder().bucket(bucket).object("user/file.c4gh").build()))
          .isInstanceOfSatisfying(
              ErrorResponseException.class,
              e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchKey"));
    }
    assertThat(Net.isListening(s3.endpoint().getHost(), s3.endpoint().getPort())).isFalse();
  }

  @Test
  void makesBucketsWithoutAnSdk() throws Exception {
    try (EmbeddedS3 server = EmbeddedS3.start()) {
      assertThat(S3Buckets.create(server.connection(), "archive")).isTrue();
      assertThat(S3Buckets.create(server.connection(), "archive")).isFalse();
      assertThat(
              Checks.minio(server.connection())
                  .bucketExists(BucketExistsArgs.builder().bucket("archive").build()))
          .isTrue();
      assertThat(server.createBucket("archive")).isFalse();
    }
  }

  @Test
  void rejectsAWrongSecret() throws Exception {
    try (EmbeddedS3 server = EmbeddedS3.start()) {
      S3Connection c = server.connection();
      var wrong = new S3Connection(c.endpoint(), c.accessKey(), "wrong-secret", c.region());
      assertThatThrownBy(
              () -> Checks.minio(wrong).makeBucket(MakeBucketArgs.builder().bucket("nope").build()))
          .isInstanceOf(ErrorResponseException.class);
    }
  }

  @Test
  void keepsObjectsInAGivenDirectory(@TempDir Path dir) throws Exception {
    byte[] data = "kept across restarts".getBytes(StandardCharsets.UTF_8);
    try (EmbeddedS3 server = EmbeddedS3.builder().directory(dir).start()) {
      MinioClient minio = Checks.minio(server.connection());
      minio.makeBucket(MakeBucketArgs.builder().bucket("outbox").build());
      minio.putObject(
          PutObjectArgs.builder().bucket("outbox").object("a/b.txt").stream(
                  new ByteArrayInputStream(data), data.length, -1)
              .build());
    }
    try (EmbeddedS3 server = EmbeddedS3.builder().directory(dir).start();
        InputStream in =
            Checks.minio(server.connection())
                .getObject(GetObjectArgs.builder().bucket("outbox").object("a/b.txt").build())) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
  }

  /** A stream that does not tell its length (no available()). */
  private static InputStream unknownLength(byte[] data) {
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int available() {
        return 0;
      }
    };
  }
}
