package io.lega.testsupport.real;

import io.lega.testsupport.Backend;
import io.lega.testsupport.Net;
import io.lega.testsupport.PostgresConnection;
import io.lega.testsupport.Settings;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;

/**
 * A fresh database on a real PostgreSQL server, dropped on close.
 *
 * <p>Settings (environment variables, or the system properties named like {@code
 * lega-test.pg.host}):
 *
 * <ul>
 *   <li>{@code LEGA_TEST_PG_HOST} (127.0.0.1), {@code LEGA_TEST_PG_PORT} (5432), {@code
 *       LEGA_TEST_PG_USER} (postgres), {@code LEGA_TEST_PG_PASSWORD} (empty);
 *   <li>{@code LEGA_TEST_PG_ADMIN_DATABASE} (postgres): where {@code CREATE DATABASE} runs;
 *   <li>{@code LEGA_TEST_PG_URL}: a JDBC URL {@code jdbc:postgresql://host[:port]/db} of an
 *       existing database to use as it is; then nothing is created or dropped;
 *   <li>{@code LEGA_TEST_PG_KEEP} (false): keep the fresh database after the run.
 * </ul>
 *
 * The fresh database is named {@code lega_test_} and 12 random hex digits, so concurrent runs on
 * one server do not collide.
 */
public final class RealPostgres implements Backend<PostgresConnection> {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final System.Logger LOG = System.getLogger(RealPostgres.class.getName());

  private final PostgresConnection connection;
  private final String adminDatabase;
  private final boolean drop;
  private boolean closed;

  private RealPostgres(PostgresConnection connection, String adminDatabase, boolean drop) {
    this.connection = connection;
    this.adminDatabase = adminDatabase;
    this.drop = drop;
  }

  /** Creates a fresh database (or takes {@code LEGA_TEST_PG_URL}) as the settings say. */
  public static RealPostgres start() {
    String user = Settings.get("LEGA_TEST_PG_USER", "postgres");
    String password = Settings.get("LEGA_TEST_PG_PASSWORD", "");
    var url = Settings.get("LEGA_TEST_PG_URL");
    if (url.isPresent()) {
      var existing = parseJdbcUrl(url.get(), user, password);
      requireListening(existing.host(), existing.port());
      return new RealPostgres(existing, existing.database(), false);
    }
    String host = Settings.get("LEGA_TEST_PG_HOST", "127.0.0.1");
    int port = Settings.getInt("LEGA_TEST_PG_PORT", 5432);
    String adminDatabase = Settings.get("LEGA_TEST_PG_ADMIN_DATABASE", "postgres");
    requireListening(host, port);
    String database = "lega_test_" + HexFormat.of().formatHex(randomBytes(6));
    var admin = new PostgresConnection(host, port, adminDatabase, user, password);
    execute(admin, "CREATE DATABASE " + database);
    LOG.log(
        System.Logger.Level.INFO,
        "PostgreSQL at {0}:{1}: fresh database {2}",
        host,
        String.valueOf(port),
        database);
    boolean keep = Settings.getBoolean("LEGA_TEST_PG_KEEP", false);
    return new RealPostgres(admin.withDatabase(database), adminDatabase, !keep);
  }

  @Override
  public PostgresConnection connection() {
    return connection;
  }

  /** Drops the database made for this run (closing its connections first). */
  @Override
  public synchronized void close() {
    if (closed || !drop) {
      return;
    }
    closed = true;
    var admin = connection.withDatabase(adminDatabase);
    try {
      execute(admin, "DROP DATABASE IF EXISTS " + connection.database() + " WITH (FORCE)");
    } catch (IllegalStateException e) {
      // before PostgreSQL 13 there is no WITH (FORCE)
      execute(
          admin,
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
              + connection.database()
              + "'");
      execute(admin, "DROP DATABASE IF EXISTS " + connection.database());
    }
  }

  static PostgresConnection parseJdbcUrl(String jdbcUrl, String user, String password) {
    String prefix = "jdbc:postgresql://";
    if (!jdbcUrl.startsWith(prefix)) {
      throw new IllegalArgumentException("LEGA_TEST_PG_URL must start with " + prefix);
    }
    URI uri = URI.create("postgresql://" + jdbcUrl.substring(prefix.length()));
    String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
    if (uri.getHost() == null || path.isEmpty()) {
      throw new IllegalArgumentException(
          "LEGA_TEST_PG_URL needs a host and a database: " + jdbcUrl);
    }
    int port = uri.getPort() < 0 ? 5432 : uri.getPort();
    return new PostgresConnection(uri.getHost(), port, path, user, password);
  }

  private static void requireListening(String host, int port) {
    if (!Net.isListening(host, port)) {
      throw new IllegalStateException(
          "LEGA_TEST_INFRA=real but no PostgreSQL accepts connections at "
              + host
              + ":"
              + port
              + " (see LEGA_TEST_PG_HOST / LEGA_TEST_PG_PORT / LEGA_TEST_PG_URL)");
    }
  }

  private static void execute(PostgresConnection target, String sql) {
    Properties props = new Properties();
    props.setProperty("user", target.username());
    if (!target.password().isEmpty()) {
      props.setProperty("password", target.password());
    }
    try (Connection c = DriverManager.getConnection(target.jdbcUrl(), props);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("on " + target.jdbcUrl() + ": " + sql + ": " + e, e);
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }
}
