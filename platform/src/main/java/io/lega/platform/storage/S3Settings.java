package io.lega.platform.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An S3 bucket as storage, reached through the MinIO SDK (MinIO, Ceph, AWS, s3proxy, ...).
 *
 * <p>{@link #toString()} shows the access key but never the secret key.
 *
 * @param endpoint the service URL, {@code http://host:port} or {@code https://host:port}; it must
 *     not carry credentials ({@code user:password@})
 * @param region the bucket's region; null lets the SDK ask the server
 * @param accessKey the access key id
 * @param secretKey the secret key
 * @param bucket the bucket name (3 to 63 lowercase letters, digits, dots and hyphens)
 * @param createBucket whether to create the bucket when the storage is opened if it is missing; if
 *     false, a missing bucket is an error at open
 * @param partSize the multipart part size in bytes, between {@value #MIN_PART_SIZE} and {@value
 *     #MAX_PART_SIZE}. A write holds about one part in memory, and S3 allows at most 10,000 parts,
 *     so the largest object is {@code 10,000 × partSize} (about 156 GiB at the default {@value
 *     #DEFAULT_PART_SIZE}).
 * @param trustedCertificates a PEM file of the certificates to trust for an {@code https} endpoint,
 *     instead of the JVM's trust store (for a private CA or a self-signed server); null uses the
 *     JVM's trust store
 */
public record S3Settings(
    String endpoint,
    String region,
    String accessKey,
    String secretKey,
    String bucket,
    boolean createBucket,
    long partSize,
    Path trustedCertificates)
    implements StorageSettings {

  /** The smallest part S3 accepts: 5 MiB. */
  public static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  /** The largest part S3 accepts: 5 GiB. */
  public static final long MAX_PART_SIZE = 5L * 1024 * 1024 * 1024;

  /** The default part size: 16 MiB. */
  public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  public S3Settings {
    checkEndpoint(endpoint);
    if (region != null && region.isBlank()) {
      region = null;
    }
    requireText(accessKey, "accessKey");
    requireText(secretKey, "secretKey");
    Objects.requireNonNull(bucket, "bucket");
    if (!BUCKET_NAME.matcher(bucket).matches() || bucket.contains("..")) {
      throw new IllegalArgumentException(
          "invalid S3 bucket name '"
              + bucket
              + "': 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a"
              + " letter or digit");
    }
    if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
      throw new IllegalArgumentException(
          "S3 part size %s is outside [%s, %s] bytes"
              .formatted(partSize, MIN_PART_SIZE, MAX_PART_SIZE));
    }
  }

  /**
   * Settings with the defaults: region asked from the server, bucket created if missing, {@value
   * #DEFAULT_PART_SIZE}-byte parts, the JVM's trust store.
   */
  public static S3Settings of(String endpoint, String accessKey, String secretKey, String bucket) {
    return new S3Settings(
        endpoint, null, accessKey, secretKey, bucket, true, DEFAULT_PART_SIZE, null);
  }

  /** Every component except the secret key, which shows as {@code ****}. */
  @Override
  public String toString() {
    return ("S3Settings[endpoint=%s, region=%s, accessKey=%s, secretKey=****, bucket=%s,"
            + " createBucket=%s, partSize=%s, trustedCertificates=%s]")
        .formatted(
            endpoint, region, accessKey, bucket, createBucket, partSize, trustedCertificates);
  }

  private static void checkEndpoint(String endpoint) {
    requireText(endpoint, "endpoint");
    URI uri;
    try {
      uri = new URI(endpoint);
    } catch (URISyntaxException e) {
      // the input is not echoed: a malformed URL might still hold a password
      throw new IllegalArgumentException("S3 endpoint is not a valid URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "S3 endpoint must not contain credentials (user:password@); set accessKey and secretKey");
    }
    String scheme = uri.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "S3 endpoint '" + endpoint + "' must be http://host[:port] or https://host[:port]");
    }
  }

  private static void requireText(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }
}
