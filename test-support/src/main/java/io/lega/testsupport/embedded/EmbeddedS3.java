package io.lega.testsupport.embedded;

import io.lega.testsupport.Backend;
import io.lega.testsupport.S3Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * An S3 API in this JVM: s3proxy (Jetty, relocated inside its jar) over a jclouds blob store, on a
 * free port of the loopback interface, with AWS signature V4 (and V2) and one fixed key pair.
 *
 * <p>Objects live in memory (jclouds {@code transient}) unless a directory is given, in which case
 * they are files under it (jclouds {@code filesystem}, one directory per bucket), kept on close.
 */
public final class EmbeddedS3 implements Backend<S3Connection> {

  /** The access key id clients sign with. */
  public static final String DEFAULT_ACCESS_KEY = "lega-test-access-key";

  /** The secret key clients sign with. */
  public static final String DEFAULT_SECRET_KEY = "lega-test-secret-key";

  /** The region given to clients; s3proxy accepts any. */
  public static final String REGION = "us-east-1";

  private static final String HOST = "127.0.0.1";

  private final S3Proxy proxy;
  private final BlobStoreContext context;
  private final S3Connection connection;
  private boolean closed;

  private EmbeddedS3(S3Proxy proxy, BlobStoreContext context, S3Connection connection) {
    this.proxy = proxy;
    this.context = context;
    this.connection = connection;
  }

  /** Starts an in-memory S3 on a free port. */
  public static EmbeddedS3 start() {
    return builder().start();
  }

  /** Options for an S3 server. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public S3Connection connection() {
    return connection;
  }

  /** The blob store behind the S3 API, for direct access from Java. */
  public BlobStore blobStore() {
    return context.getBlobStore();
  }

  /**
   * Creates a bucket if it does not exist.
   *
   * @return true if it was created
   */
  public boolean createBucket(String bucket) {
    return blobStore().createContainerInLocation(null, bucket);
  }

  /** Stops the server; an in-memory store is gone, a directory store stays. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("could not stop s3proxy", e);
    } finally {
      context.close();
    }
  }

  /** Options for {@link EmbeddedS3}. */
  public static final class Builder {
    private int port;
    private String accessKey = DEFAULT_ACCESS_KEY;
    private String secretKey = DEFAULT_SECRET_KEY;
    private Path directory;

    private Builder() {}

    /** The TCP port; 0 (the default) binds a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The key pair clients sign with. */
    public Builder credentials(String accessKey, String secretKey) {
      this.accessKey = Objects.requireNonNull(accessKey);
      this.secretKey = Objects.requireNonNull(secretKey);
      return this;
    }

    /** Keep objects as files under this directory instead of in memory. */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    /** Starts the server; returns when it accepts connections. */
    public EmbeddedS3 start() {
      Properties overrides = new Properties();
      String provider = "transient";
      if (directory != null) {
        try {
          Files.createDirectories(directory);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        provider = "filesystem";
        overrides.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
      }
      BlobStoreContext context =
          ContextBuilder.newBuilder(provider)
              .credentials("identity", "credential")
              .overrides(overrides)
              .buildView(BlobStoreContext.class);
      try {
        S3Proxy proxy =
            S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://" + HOST + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // SDKs add headers s3proxy does not know (checksums, SDK info): accept them.
                .ignoreUnknownHeaders(true)
                .jettyMaxThreads(32)
                .build();
        proxy.start();
        if (!"STARTED".equals(proxy.getState())) {
          proxy.stop();
          throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
        }
        var conn =
            new S3Connection(
                URI.create("http://" + HOST + ":" + proxy.getPort()), accessKey, secretKey, REGION);
        return new EmbeddedS3(proxy, context, conn);
      } catch (Exception e) {
        context.close();
        if (e instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("s3proxy did not start", e);
      }
    }
  }
}
