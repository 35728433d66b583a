package io.lega.testsupport;

import io.lega.testsupport.s3.SigV4;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creates buckets over the S3 API itself, with no S3 SDK: one PUT signed with AWS signature V2,
 * which s3proxy accepts. Works from any class loader, given only the connection details ({@link
 * #freshBucketConfig} uses the JVM's shared S3, {@link Infrastructure#sharedS3()}).
 */
public final class S3Buckets {

  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  private S3Buckets() {}

  /**
   * Creates the bucket unless it already exists (and is ours).
   *
   * @return true if it was created
   */
  public static boolean create(S3Connection s3, String bucket) {
    if (!BUCKET.matcher(bucket).matches()) {
      throw new IllegalArgumentException("not a valid bucket name: " + bucket);
    }
    URI uri = URI.create(s3.endpoint().toString().replaceAll("/+$", "") + "/" + bucket);
    String host = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .PUT(HttpRequest.BodyPublishers.noBody());
    SigV4.signUnsignedPayload(
            "PUT", "/" + bucket, host, s3.accessKey(), s3.secretKey(), s3.region(), Instant.now())
        .forEach(builder::header);
    HttpRequest request = builder.build();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() == 200) {
        return true;
      }
      if (response.statusCode() == 409 && response.body().contains("BucketAlreadyOwnedByYou")) {
        return false;
      }
      throw new IllegalStateException(
          "could not create bucket "
              + bucket
              + ": "
              + response.statusCode()
              + " "
              + response.body());
    } catch (IOException e) {
      throw new IllegalStateException("could not create bucket " + bucket + " at " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Makes a fresh bucket on the JVM's shared S3 ({@link Infrastructure#sharedS3()}) and returns the
   * keys of a node service's storage group for it ({@link ConfigKeys#s3Storage}): {@code
   * <prefix>.type=s3} and {@code <prefix>.s3.*}. The bucket is named after the prefix's last part
   * with a random suffix, e.g. {@code archive-1a2b3c4d} for {@code lega.archive}.
   *
   * @param prefix the group's key prefix, without a trailing dot, e.g. {@code lega.archive}
   */
  public static Map<String, String> freshBucketConfig(String prefix) {
    S3Connection s3 = Infrastructure.sharedS3();
    String name = prefix.substring(prefix.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    String bucket =
        name.replaceAll("[^a-z0-9-]", "-") + "-" + UUID.randomUUID().toString().substring(0, 8);
    create(s3, bucket);
    return ConfigKeys.s3Storage(prefix, s3, bucket);
  }
}
