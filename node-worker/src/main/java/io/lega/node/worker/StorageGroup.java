package io.lega.node.worker;

import io.lega.platform.storage.PosixSettings;
import io.lega.platform.storage.S3Settings;
import io.lega.platform.storage.StorageSettings;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where one storage keeps its objects (archive, backup or inbox): a config group. With {@code
 * type=posix} only {@code posix.root} counts; with {@code type=s3} only the {@code s3.*} keys.
 */
public interface StorageGroup {

  /** Backends. */
  enum Type {
    /** A directory tree. */
    POSIX,
    /** An S3 API bucket (MinIO, s3proxy, AWS, Ceph...). */
    S3
  }

  /** {@code posix} or {@code s3}. */
  @WithDefault("posix")
  Type type();

  /** The POSIX backend. */
  Posix posix();

  /** The S3 backend. */
  S3 s3();

  /** POSIX keys. */
  interface Posix {
    /** The directory holding the objects; required with {@code type=posix}. */
    Optional<Path> root();

    /** Create the root directory if missing. */
    @WithDefault("true")
    boolean createRoot();
  }

  /** S3 keys. */
  interface S3 {
    /** Endpoint URL, e.g. {@code https://minio.example.org:9000}; required with {@code type=s3}. */
    Optional<String> endpoint();

    /** Access key; required with {@code type=s3}. */
    Optional<String> accessKey();

    /** Secret key; required with {@code type=s3}. Never logged. */
    Optional<String> secretKey();

    /** Bucket; required with {@code type=s3}. */
    Optional<String> bucket();

    /** Region. */
    @WithDefault("us-east-1")
    String region();

    /** Create the bucket at start if it does not exist. */
    @WithDefault("false")
    boolean createBucket();

    /** Part size of multipart uploads, in bytes (5 MiB to 5 GiB). */
    @WithDefault("16777216")
    long partSize();

    /** A PEM file of certificates to trust for the endpoint, besides the JVM's. */
    Optional<Path> trustedCertificates();
  }

  /**
   * The settings these keys describe.
   *
   * @param what which storage, for error messages (e.g. {@code lega.archive})
   * @throws IllegalArgumentException if a required key is missing
   */
  static StorageSettings settings(StorageGroup group, String what) {
    if (group.type() == Type.POSIX) {
      Path root =
          group
              .posix()
              .root()
              .orElseThrow(() -> missing(what + ".posix.root", what + ".type=posix"));
      return new PosixSettings(root, group.posix().createRoot());
    }
    S3 s3 = group.s3();
    String because = what + ".type=s3";
    return new S3Settings(
        s3.endpoint().orElseThrow(() -> missing(what + ".s3.endpoint", because)),
        s3.region(),
        s3.accessKey().orElseThrow(() -> missing(what + ".s3.access-key", because)),
        s3.secretKey().orElseThrow(() -> missing(what + ".s3.secret-key", because)),
        s3.bucket().orElseThrow(() -> missing(what + ".s3.bucket", because)),
        s3.createBucket(),
        s3.partSize(),
        s3.trustedCertificates().orElse(null));
  }

  private static IllegalArgumentException missing(String key, String because) {
    return new IllegalArgumentException(key + " is required with " + because);
  }
}
