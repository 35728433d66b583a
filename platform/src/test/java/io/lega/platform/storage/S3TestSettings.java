package io.lega.platform.storage;

import io.lega.testsupport.S3Connection;
import java.nio.file.Path;

/** {@link S3Settings} for tests: a test server's, or a copy with one component changed. */
final class S3TestSettings {

  private S3TestSettings() {}

  /** The defaults of {@link S3Settings#of} for a bucket of the server, in the server's region. */
  static S3Settings forServer(S3Connection server, String bucket) {
    return withRegion(
        S3Settings.of(server.endpoint().toString(), server.accessKey(), server.secretKey(), bucket),
        server.region());
  }

  static S3Settings withRegion(S3Settings s, String region) {
    return new S3Settings(
        s.endpoint(),
        region,
        s.accessKey(),
        s.secretKey(),
        s.bucket(),
        s.createBucket(),
        s.partSize(),
        s.trustedCertificates());
  }

  static S3Settings withBucket(S3Settings s, String bucket) {
    return new S3Settings(
        s.endpoint(),
        s.region(),
        s.accessKey(),
        s.secretKey(),
        bucket,
        s.createBucket(),
        s.partSize(),
        s.trustedCertificates());
  }

  static S3Settings withCreateBucket(S3Settings s, boolean create) {
    return new S3Settings(
        s.endpoint(),
        s.region(),
        s.accessKey(),
        s.secretKey(),
        s.bucket(),
        create,
        s.partSize(),
        s.trustedCertificates());
  }

  static S3Settings withPartSize(S3Settings s, long partSize) {
    return new S3Settings(
        s.endpoint(),
        s.region(),
        s.accessKey(),
        s.secretKey(),
        s.bucket(),
        s.createBucket(),
        partSize,
        s.trustedCertificates());
  }

  static S3Settings withTrustedCertificates(S3Settings s, Path pemFile) {
    return new S3Settings(
        s.endpoint(),
        s.region(),
        s.accessKey(),
        s.secretKey(),
        s.bucket(),
        s.createBucket(),
        s.partSize(),
        pemFile);
  }
}
