package io.lega.local;

import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.Infrastructure;
import io.lega.testsupport.PostgresConnection;
import io.lega.testsupport.S3Buckets;
import io.lega.testsupport.S3Connection;
import io.lega.testsupport.Settings;
import io.lega.testsupport.embedded.EmbeddedAmqpBroker;
import io.lega.testsupport.embedded.EmbeddedPostgres;
import io.lega.testsupport.s3.FileS3Server;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The infrastructure under a local node: a database each for the hub and the node, an AMQP 0-9-1
 * broker shared by both, and an S3 API with an archive and a backup bucket.
 */
public final class Backends implements AutoCloseable {

  /** Where the backends come from. */
  public enum Kind {
    /**
     * Started here, on test-support's embedded classes, with PostgreSQL's data and the S3 objects
     * kept in the node's data folder; PostgreSQL durable (fsync and synchronous commits on). The
     * broker keeps messages in memory only.
     */
    EMBEDDED,
    /**
     * The machine's PostgreSQL and RabbitMQ, as {@code LEGA_TEST_INFRA=real} reaches them (the
     * {@code LEGA_TEST_PG_*} and {@code LEGA_TEST_AMQP_*} settings of test-support), with databases
     * named after the node's run id; S3 embedded, its objects in the data folder.
     */
    REAL,
    /**
     * test-support's backends shared by the whole JVM ({@code Infrastructure.shared*}: embedded, or
     * real with {@code LEGA_TEST_INFRA=real}), with databases and buckets named after the run id:
     * what the end-to-end tests use.
     */
    SHARED;

    /** {@code embedded}, {@code real} or {@code shared}. */
    public static Kind parse(String value) {
      return valueOf(value.toUpperCase(Locale.ROOT));
    }
  }

  private final PostgresConnection hubDatabase;
  private final PostgresConnection nodeDatabase;
  private final AmqpConnection broker;
  private final S3Connection s3;
  private final String archiveBucket;
  private final String backupBucket;
  private final List<AutoCloseable> owned;

  private Backends(
      PostgresConnection hubDatabase,
      PostgresConnection nodeDatabase,
      AmqpConnection broker,
      S3Connection s3,
      String archiveBucket,
      String backupBucket,
      List<AutoCloseable> owned) {
    this.hubDatabase = hubDatabase;
    this.nodeDatabase = nodeDatabase;
    this.broker = broker;
    this.s3 = s3;
    this.archiveBucket = archiveBucket;
    this.backupBucket = backupBucket;
    this.owned = owned;
  }

  /**
   * Starts (or reaches) the backends.
   *
   * @param kind where they come from
   * @param data the node's data folder (PostgreSQL in {@code postgres/}, S3 in {@code s3/})
   * @param runId names the databases and buckets on shared or real servers
   */
  public static Backends start(Kind kind, Path data, String runId) {
    List<AutoCloseable> owned = new ArrayList<>();
    try {
      return switch (kind) {
        case EMBEDDED -> embedded(data, owned);
        case REAL -> real(data, runId, owned);
        case SHARED -> shared(runId);
      };
    } catch (RuntimeException | Error e) {
      closeAll(owned);
      throw e;
    }
  }

  private static Backends embedded(Path data, List<AutoCloseable> owned) {
    EmbeddedPostgres pg =
        EmbeddedPostgres.builder()
            .dataDirectory(data.resolve("postgres"))
            .database("node")
            .durable(true)
            .start();
    owned.add(pg);
    PostgresConnection hub = pg.createDatabase("hub");
    EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start();
    owned.add(broker);
    FileS3Server s3 = FileS3Server.builder(data.resolve("s3")).start();
    owned.add(s3);
    return withBuckets(hub, pg.connection(), broker.connection(), s3.connection(), "", owned);
  }

  private static Backends real(Path data, String runId, List<AutoCloseable> owned) {
    System.setProperty(Settings.propertyName(Infrastructure.MODE_VARIABLE), "real");
    PostgresConnection server = Infrastructure.sharedPostgres();
    AmqpConnection broker = Infrastructure.sharedBroker();
    FileS3Server s3 = FileS3Server.builder(data.resolve("s3")).start();
    owned.add(s3);
    return withBuckets(
        createDatabase(server, "lega_hub_" + runId),
        createDatabase(server, "lega_node_" + runId),
        broker,
        s3.connection(),
        "",
        owned);
  }

  private static Backends shared(String runId) {
    PostgresConnection server = Infrastructure.sharedPostgres();
    return withBuckets(
        createDatabase(server, "e2e_hub_" + runId),
        createDatabase(server, "e2e_node_" + runId),
        Infrastructure.sharedBroker(),
        Infrastructure.sharedS3(),
        "-" + runId,
        List.of());
  }

  private static Backends withBuckets(
      PostgresConnection hub,
      PostgresConnection node,
      AmqpConnection broker,
      S3Connection s3,
      String bucketSuffix,
      List<AutoCloseable> owned) {
    String archive = "archive" + bucketSuffix;
    String backup = "backup" + bucketSuffix;
    S3Buckets.create(s3, archive);
    S3Buckets.create(s3, backup);
    return new Backends(hub, node, broker, s3, archive, backup, owned);
  }

  /** Creates the database on the server (unless it exists) and returns how to reach it. */
  static PostgresConnection createDatabase(PostgresConnection server, String name) {
    PostgresConnection admin = server.withDatabase("postgres");
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
        PreparedStatement exists =
            c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, name);
      try (ResultSet rs = exists.executeQuery()) {
        if (!rs.next()) {
          try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return server.withDatabase(name);
  }

  /** The hub's database. */
  public PostgresConnection hubDatabase() {
    return hubDatabase;
  }

  /** The node's database. */
  public PostgresConnection nodeDatabase() {
    return nodeDatabase;
  }

  /** The broker of hub and node. */
  public AmqpConnection broker() {
    return broker;
  }

  /** The S3 API. */
  public S3Connection s3() {
    return s3;
  }

  /** The archive's bucket. */
  public String archiveBucket() {
    return archiveBucket;
  }

  /** The backup's bucket. */
  public String backupBucket() {
    return backupBucket;
  }

  /** Stops what was started here (shared backends stay up for the JVM's other users). */
  @Override
  public void close() {
    closeAll(owned);
  }

  private static void closeAll(List<AutoCloseable> started) {
    for (int i = started.size() - 1; i >= 0; i--) {
      try {
        started.get(i).close();
      } catch (Exception e) {
        System.err.println("while stopping the infrastructure: " + e);
      }
    }
  }
}
