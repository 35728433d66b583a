package io.lega.platform.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.HttpUtils;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import okhttp3.OkHttpClient;

/**
 * Objects in one S3 bucket, through the MinIO SDK.
 *
 * <p>A write is a multipart upload of parts of {@link S3Settings#partSize()} bytes, sent one at a
 * time while the next is read ({@link S3Uploads}), so a write holds two parts in memory. A stream
 * shorter than one part goes up as a single PUT. On failure the multipart upload is aborted; S3
 * shows an object only once its upload is complete. Ranged reads are HTTP range GETs.
 *
 * <p>Failure messages name the operation, the object, the bucket and the endpoint, never the keys.
 */
public final class S3Storage implements Storage {
  private static final long TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(5);

  private final MinioClient client;
  private final S3Uploads uploads;
  private final String endpoint;
  private final String bucket;

  private S3Storage(MinioClient client, OkHttpClient http, S3Settings settings) {
    this.client = client;
    this.uploads = new S3Uploads(http, settings, Clock.systemUTC());
    this.endpoint = settings.endpoint();
    this.bucket = settings.bucket();
  }

  /**
   * Connects, checks that the bucket exists and creates it if missing and the settings allow.
   *
   * @throws StorageException if the endpoint is unreachable, the credentials are refused, the
   *     bucket is missing (and may not be created), or the trusted certificates cannot be read
   */
  public static S3Storage open(S3Settings settings) throws StorageException {
    return open(settings, http -> {});
  }

  /**
   * Like {@link #open(S3Settings)}, letting the caller adjust the HTTP client (tests count the
   * bytes sent with an interceptor).
   */
  static S3Storage open(S3Settings settings, Consumer<OkHttpClient.Builder> customizeHttp)
      throws StorageException {
    OkHttpClient.Builder http =
        HttpUtils.newDefaultHttpClient(TIMEOUT_MILLIS, TIMEOUT_MILLIS, TIMEOUT_MILLIS).newBuilder();
    if (settings.trustedCertificates() != null) {
      TlsTrust trust = TlsTrust.fromPem(settings.trustedCertificates());
      http.sslSocketFactory(trust.socketFactory(), trust.trustManager());
    }
    // No Nagle delay on requests: a part's last small segment must not wait for a delayed ACK.
    http.socketFactory(new NoDelaySocketFactory());
    customizeHttp.accept(http);
    OkHttpClient shared = http.build();
    MinioClient.Builder builder =
        MinioClient.builder()
            .endpoint(settings.endpoint())
            .credentials(settings.accessKey(), settings.secretKey())
            .httpClient(shared, true);
    if (settings.region() != null) {
      builder.region(settings.region());
    }
    MinioClient client;
    try {
      client = builder.build();
    } catch (IllegalArgumentException e) {
      throw new StorageException(
          "cannot use S3 endpoint " + settings.endpoint() + ": " + e.getMessage(), e);
    }
    S3Storage storage = new S3Storage(client, shared, settings);
    try {
      storage.ensureBucket(settings.createBucket());
    } catch (StorageException | RuntimeException e) {
      storage.close();
      throw e;
    }
    return storage;
  }

  /** The bucket that holds the objects. */
  public String bucket() {
    return bucket;
  }

  @Override
  public long write(String name, InputStream data) throws IOException {
    ObjectNames.validate(name);
    Objects.requireNonNull(data, "data");
    SourceStream source = new SourceStream(data);
    try {
      uploads.write(name, source);
    } catch (Exception e) {
      source.rethrowSourceFailure();
      throw failure("write", name, e);
    }
    return source.count();
  }

  @Override
  public InputStream read(String name) throws IOException {
    ObjectNames.validate(name);
    try {
      return client.getObject(GetObjectArgs.builder().bucket(bucket).object(name).build());
    } catch (Exception e) {
      throw failure("read", name, e);
    }
  }

  @Override
  public InputStream read(String name, long start, long endExclusive) throws IOException {
    ObjectNames.validate(name);
    Ranges.check(start, endExclusive);
    if (start == endExclusive) {
      if (stat(name).isEmpty()) {
        throw new NoSuchObjectException(name, describe());
      }
      return InputStream.nullInputStream();
    }
    try {
      return client.getObject(
          GetObjectArgs.builder()
              .bucket(bucket)
              .object(name)
              .offset(start)
              .length(endExclusive - start)
              .build());
    } catch (ErrorResponseException e) {
      // 416: the object exists, but starts at or after its end (or is empty)
      if ("InvalidRange".equals(e.errorResponse().code())) {
        return InputStream.nullInputStream();
      }
      throw failure("read", name, e);
    } catch (Exception e) {
      throw failure("read", name, e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String name) throws IOException {
    ObjectNames.validate(name);
    StatObjectResponse response;
    try {
      response = client.statObject(StatObjectArgs.builder().bucket(bucket).object(name).build());
    } catch (Exception e) {
      if (isNoSuchKey(e)) {
        return Optional.empty();
      }
      throw failure("stat", name, e);
    }
    return Optional.of(
        new ObjectInfo(
            name,
            response.size(),
            response.lastModified().toInstant(),
            Optional.ofNullable(response.etag()).map(S3Storage::unquote)));
  }

  @Override
  public void delete(String name) throws IOException {
    ObjectNames.validate(name);
    try {
      client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(name).build());
    } catch (Exception e) {
      if (!isNoSuchKey(e)) {
        throw failure("delete", name, e);
      }
    }
  }

  @Override
  public void close() {
    uploads.close();
    try {
      client.close();
    } catch (Exception e) {
      // only the HTTP client's threads and connections are released here; nothing to lose
    }
  }

  @Override
  public String toString() {
    return describe();
  }

  private void ensureBucket(boolean create) throws StorageException {
    try {
      if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        return;
      }
    } catch (Exception e) {
      throw failure("bucket check", null, e);
    }
    if (!create) {
      throw new StorageException(
          describe() + " does not exist, and the settings do not allow creating it");
    }
    try {
      client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      // another replica created it in the meantime
      if (!"BucketAlreadyOwnedByYou".equals(code) && !"BucketAlreadyExists".equals(code)) {
        throw failure("bucket creation", null, e);
      }
    } catch (Exception e) {
      throw failure("bucket creation", null, e);
    }
  }

  private static boolean isNoSuchKey(Exception e) {
    return e instanceof ErrorResponseException response
        && "NoSuchKey".equals(response.errorResponse().code());
  }

  private StorageException failure(String operation, String name, Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    if (name != null && isNoSuchKey(e)) {
      return new NoSuchObjectException(name, describe());
    }
    String where = "bucket '" + bucket + "' at " + endpoint;
    String what = name == null ? where : "object '" + name + "' in " + where;
    return new StorageException("S3 " + operation + " of " + what + " failed: " + reason(e), e);
  }

  private static String reason(Exception e) {
    if (e instanceof ErrorResponseException response) {
      return response.errorResponse().code()
          + " (HTTP "
          + response.response().code()
          + "): "
          + response.errorResponse().message();
    }
    if (e instanceof S3Uploads.S3ResponseException refused) {
      return refused.getMessage();
    }
    return e.toString();
  }

  private String describe() {
    return "S3 bucket '" + bucket + "' at " + endpoint;
  }

  private static String unquote(String etag) {
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : etag;
  }
}
