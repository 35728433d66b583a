package io.lega.inbox.testing;

import io.lega.testsupport.ConfigKeys;
import io.lega.testsupport.Infrastructure;
import io.lega.testsupport.PostgresConnection;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The node database for a {@code @QuarkusTest} of the inbox with {@code
 * lega.inbox.ingestion-guard=database}: the JVM's test PostgreSQL (test-support's, embedded or real
 * as {@code LEGA_TEST_INFRA} says), given the node schema as ingest's migrations make it (the
 * {@code deploy/db/node} scripts, run here once: the inbox itself never migrates), reached by the
 * application through a {@link TcpProxy} so that tests can cut or pause it. The check timeout is
 * {@value #TIMEOUT}. Injects itself into fields annotated {@link Inject}; the test writes rows
 * straight to the database, not through the relay.
 */
public class NodeDatabaseResource implements QuarkusTestResourceLifecycleManager {

  /** Marks the test's field that receives the resource. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  public @interface Inject {}

  public static final String TIMEOUT = "PT2S";

  private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

  private PostgresConnection database;
  private TcpProxy proxy;

  @Override
  public Map<String, String> start() {
    database = Infrastructure.sharedPostgres();
    try {
      createNodeSchema();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the node schema: " + e, e);
    }
    proxy = new TcpProxy(database.host(), database.port());
    PostgresConnection relayed =
        new PostgresConnection(
            "127.0.0.1",
            proxy.port(),
            database.database(),
            database.username(),
            database.password());
    Map<String, String> config = new HashMap<>(ConfigKeys.postgres(relayed));
    config.remove(ConfigKeys.DATASOURCE_REACTIVE_URL); // the inbox has JDBC only
    config.put("lega.inbox.ingestion-guard", "database");
    config.put("lega.inbox.ingestion-guard-timeout", TIMEOUT);
    return config;
  }

  @Override
  public void inject(TestInjector testInjector) {
    testInjector.injectIntoFields(
        this, new TestInjector.AnnotatedAndMatchesType(Inject.class, NodeDatabaseResource.class));
  }

  /** The relay between the application and the database. */
  public TcpProxy proxy() {
    return proxy;
  }

  /** Records a file as ingest does: a row of {@code files}; returns its id. */
  public UUID insertFile(String user, String inboxPath, String state) throws SQLException {
    UUID id = UUID.randomUUID();
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO files (id, submission_user, inbox_path, state) VALUES (?, ?, ?, ?)")) {
      s.setObject(1, id);
      s.setString(2, user);
      s.setString(3, inboxPath);
      s.setString(4, state);
      s.executeUpdate();
    }
    return id;
  }

  /** Moves a file to another state, as the pipeline does. */
  public void setState(UUID id, String state) throws SQLException {
    try (Connection c = connect();
        PreparedStatement s =
            c.prepareStatement("UPDATE files SET state = ?, updated_at = now() WHERE id = ?")) {
      s.setString(1, state);
      s.setObject(2, id);
      if (s.executeUpdate() != 1) {
        throw new SQLException("no file " + id);
      }
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(
        database.jdbcUrl(), database.username(), database.password());
  }

  /** Runs the node's migrations in order, unless an earlier test of this JVM did. */
  private void createNodeSchema() throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT to_regclass('files') IS NOT NULL")) {
        r.next();
        if (r.getBoolean(1)) {
          return;
        }
      }
      for (Path script : migrations()) {
        s.execute(Files.readString(script));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> migrations() throws IOException {
    String dir = System.getProperty("lega.test.node-migrations", "../deploy/db/node");
    try (Stream<Path> files = Files.list(Path.of(dir))) {
      List<Path> scripts =
          files
              .filter(p -> MIGRATION.matcher(p.getFileName().toString()).matches())
              .sorted(Comparator.comparingInt(NodeDatabaseResource::version))
              .toList();
      if (scripts.isEmpty()) {
        throw new IllegalStateException("no node migrations in " + dir);
      }
      return scripts;
    }
  }

  private static int version(Path script) {
    Matcher m = MIGRATION.matcher(script.getFileName().toString());
    if (!m.matches()) {
      throw new IllegalArgumentException(script.toString());
    }
    return Integer.parseInt(m.group(1));
  }

  @Override
  public void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }
}
