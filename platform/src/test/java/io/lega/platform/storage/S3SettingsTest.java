package io.lega.platform.storage;

import static io.lega.platform.storage.S3TestSettings.withBucket;
import static io.lega.platform.storage.S3TestSettings.withPartSize;
import static io.lega.platform.storage.S3TestSettings.withRegion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class S3SettingsTest {
  private static final S3Settings VALID =
      S3Settings.of("https://s3.example.org:9000", "access", "s3cr3t-value", "archive");

  @Test
  void defaults() {
    assertThat(VALID.region()).isNull();
    assertThat(VALID.createBucket()).isTrue();
    assertThat(VALID.partSize()).isEqualTo(16L * 1024 * 1024);
    assertThat(VALID.trustedCertificates()).isNull();
  }

  @Test
  void toStringHidesTheSecretKey() {
    assertThat(VALID.toString())
        .doesNotContain("s3cr3t-value")
        .contains("secretKey=****", "accessKey=access", "bucket=archive");
  }

  @Test
  void anEndpointWithCredentialsIsRefusedWithoutEchoingThem() {
    assertThatThrownBy(
            () -> S3Settings.of("http://user:hunter2@s3.example.org", "a", "s", "archive"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not contain credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }

  @Test
  void badEndpointsAreRefused() {
    assertThatThrownBy(() -> S3Settings.of("ftp://s3.example.org", "a", "s", "archive"))
        .hasMessageContaining("http://host[:port]");
    assertThatThrownBy(() -> S3Settings.of("s3.example.org:9000", "a", "s", "archive"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> S3Settings.of(" ", "a", "s", "archive"))
        .hasMessageContaining("endpoint must not be blank");
  }

  @Test
  void partSizeMustFitS3Limits() {
    assertThatThrownBy(() -> withPartSize(VALID, 5L * 1024 * 1024 - 1))
        .hasMessageContaining("part size");
    assertThatThrownBy(() -> withPartSize(VALID, 5L * 1024 * 1024 * 1024 + 1))
        .hasMessageContaining("part size");
    assertThat(withPartSize(VALID, S3Settings.MIN_PART_SIZE).partSize())
        .isEqualTo(S3Settings.MIN_PART_SIZE);
  }

  @Test
  void bucketNamesFollowS3Rules() {
    assertThatThrownBy(() -> withBucket(VALID, "Upper")).hasMessageContaining("invalid S3 bucket");
    assertThatThrownBy(() -> withBucket(VALID, "ab")).hasMessageContaining("invalid S3 bucket");
    assertThatThrownBy(() -> withBucket(VALID, "a..b")).hasMessageContaining("invalid S3 bucket");
    assertThat(withBucket(VALID, "lega-archive.v1").bucket()).isEqualTo("lega-archive.v1");
  }

  @Test
  void blankRegionMeansAskTheServer() {
    assertThat(withRegion(VALID, " ").region()).isNull();
    assertThat(withRegion(VALID, "eu-north-1").region()).isEqualTo("eu-north-1");
  }

  @Test
  void keysAreRequired() {
    assertThatThrownBy(() -> S3Settings.of("http://h", "", "s", "archive"))
        .hasMessageContaining("accessKey");
    assertThatThrownBy(() -> S3Settings.of("http://h", "a", null, "archive"))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("secretKey");
  }
}
