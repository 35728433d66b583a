package io.lega.testsupport.quarkus;

import io.lega.testsupport.Backend;
import io.lega.testsupport.ConfigKeys;
import io.lega.testsupport.Infrastructure;
import io.lega.testsupport.S3Buckets;
import io.lega.testsupport.S3Connection;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * An S3 API for a {@code @QuarkusTest}: the embedded s3proxy in every mode, with the bucket already
 * made.
 *
 * <p>Returns {@code lega.storage.s3.endpoint}, {@code lega.storage.s3.access-key}, {@code
 * lega.storage.s3.secret-key}, {@code lega.storage.s3.region} and {@code lega.storage.s3.bucket}.
 *
 * <p>Init arguments: {@code bucket} (default {@value #DEFAULT_BUCKET}); {@code shared} (default
 * {@code true}): one server per JVM, kept across test classes and profiles (so objects stay too);
 * {@code false}: a server of its own.
 */
public class S3Resource implements QuarkusTestResourceLifecycleManager {

  /** The bucket made when no {@code bucket} init argument is given. */
  public static final String DEFAULT_BUCKET = "lega";

  private boolean shared = true;
  private String bucket = DEFAULT_BUCKET;
  private Backend<S3Connection> own;

  @Override
  public void init(Map<String, String> initArgs) {
    shared = Resources.shared(initArgs);
    bucket = initArgs.getOrDefault("bucket", DEFAULT_BUCKET);
  }

  @Override
  public Map<String, String> start() {
    S3Connection s3;
    if (shared) {
      s3 = Infrastructure.sharedS3();
    } else {
      own = Infrastructure.startS3();
      s3 = own.connection();
    }
    S3Buckets.create(s3, bucket);
    return ConfigKeys.s3(s3, bucket);
  }

  @Override
  public void stop() {
    if (own != null) {
      own.close();
      own = null;
    }
  }
}
