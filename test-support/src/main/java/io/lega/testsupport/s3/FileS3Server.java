package io.lega.testsupport.s3;

import com.sun.net.httpserver.HttpServer;
import io.lega.testsupport.Backend;
import io.lega.testsupport.S3Connection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A small S3 server keeping objects as files in a directory: the embedded archive of {@code ./lega
 * up}. It serves what the node's S3 client uses (see {@link S3Handler}) on the loopback interface,
 * signed with AWS SigV4 and one key pair, and writes each byte once: no in-memory buffering of
 * bodies, no per-part digests besides the signature's SHA-256, no copy of the data when a multipart
 * upload completes beyond one in-kernel file concatenation.
 *
 * <p>s3proxy ({@link io.lega.testsupport.embedded.EmbeddedS3}) remains the third-party S3 the
 * storage tests also run against; this server trades its generality for the archive's speed (ADR
 * 0005).
 */
public final class FileS3Server implements Backend<S3Connection> {
  /** The region clients sign for. */
  public static final String REGION = "us-east-1";

  static {
    // The JDK server leaves Nagle's algorithm on by default: every small response (a part's ETag)
    // then waits for the client's delayed ACK, ~40 ms a request. Read once, when the first server
    // of this JVM starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private final HttpServer server;
  private final ExecutorService threads;
  private final S3Connection connection;
  private final Path deleteOnClose;
  private boolean closed;

  private FileS3Server(
      HttpServer server, ExecutorService threads, S3Connection connection, Path deleteOnClose) {
    this.server = server;
    this.threads = threads;
    this.connection = connection;
    this.deleteOnClose = deleteOnClose;
  }

  /** A server on a fresh temporary directory, removed with everything in it on close. */
  public static FileS3Server startTemporary() {
    try {
      Path dir = Files.createTempDirectory("lega-s3-");
      Builder builder = builder(dir);
      builder.deleteOnClose = true;
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("no temporary directory for the S3 server", e);
    }
  }

  /** Options for a server. */
  public static Builder builder(Path directory) {
    return new Builder(directory);
  }

  @Override
  public S3Connection connection() {
    return connection;
  }

  /** Stops serving; the objects stay in the directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(0);
    threads.shutdownNow();
    if (deleteOnClose != null) {
      try (Stream<Path> files = Files.walk(deleteOnClose)) {
        files.sorted(Comparator.reverseOrder()).forEach(FileS3Server::deleteQuietly);
      } catch (IOException e) {
        // a temporary directory; the OS cleans it eventually
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }

  /** Options for {@link FileS3Server}. */
  public static final class Builder {
    private final Path directory;
    private int port;
    private String accessKey = "lega-local-access-key";
    private String secretKey = "lega-local-secret-key";
    private int maxThreads = 64;
    private boolean deleteOnClose;

    private Builder(Path directory) {
      this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** The TCP port on 127.0.0.1; 0 (the default) binds a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The one key pair requests must be signed with. */
    public Builder credentials(String accessKey, String secretKey) {
      this.accessKey = Objects.requireNonNull(accessKey);
      this.secretKey = Objects.requireNonNull(secretKey);
      return this;
    }

    /** Requests handled at once (each holds one thread while it streams). */
    public Builder maxThreads(int maxThreads) {
      this.maxThreads = maxThreads;
      return this;
    }

    /** Binds and starts serving; returns when the port accepts connections. */
    public FileS3Server start() {
      try {
        ObjectFiles files = new ObjectFiles(directory);
        HttpServer server =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor threads =
            new ThreadPoolExecutor(
                1,
                maxThreads,
                30,
                TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                task -> {
                  Thread t = new Thread(task, "lega-s3-" + count.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(threads);
        server.createContext(
            "/", new S3Handler(files, new SigV4(accessKey, secretKey), REGION, Clock.systemUTC()));
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new FileS3Server(
            server,
            threads,
            new S3Connection(endpoint, accessKey, secretKey, REGION),
            deleteOnClose ? directory : null);
      } catch (IOException e) {
        throw new UncheckedIOException("the S3 server could not start in " + directory, e);
      }
    }
  }
}
