package io.lega.testsupport;

import io.lega.testsupport.embedded.EmbeddedAmqpBroker;
import io.lega.testsupport.embedded.EmbeddedPostgres;
import io.lega.testsupport.real.RealPostgres;
import io.lega.testsupport.real.RealRabbitMq;
import io.lega.testsupport.s3.FileS3Server;
import java.util.Locale;

/**
 * Starts the backends a LEGA node needs, embedded or on the machine's real servers.
 *
 * <p>The switch is the environment variable {@value #MODE_VARIABLE} (or the system property {@code
 * lega-test.infra}): {@code embedded} (the default) starts everything in this JVM or as child
 * processes; {@code real} uses the PostgreSQL and RabbitMQ running on the machine, with a fresh
 * database (and, when the management API answers, a fresh virtual host) per run. S3 is always the
 * embedded s3proxy.
 *
 * <p>The {@code start*} methods give a new backend that the caller closes. The {@code shared*}
 * methods give one backend per JVM, started on first use and stopped when the JVM exits; it is
 * shared even across class loaders (Quarkus starts each test profile in a new one).
 */
public final class Infrastructure {

  /** The environment variable that chooses the mode. */
  public static final String MODE_VARIABLE = "LEGA_TEST_INFRA";

  /** Where the backends come from. */
  public enum Mode {
    /** Embedded PostgreSQL, Qpid Broker-J and s3proxy. */
    EMBEDDED,
    /** The machine's PostgreSQL and RabbitMQ; s3proxy for S3. */
    REAL
  }

  private Infrastructure() {}

  /** The mode chosen by {@value #MODE_VARIABLE}. */
  public static Mode mode() {
    String value = Settings.get(MODE_VARIABLE, "embedded").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "embedded" -> Mode.EMBEDDED;
      case "real" -> Mode.REAL;
      default ->
          throw new IllegalArgumentException(
              MODE_VARIABLE + " must be 'embedded' or 'real', not '" + value + "'");
    };
  }

  /** A new PostgreSQL database for the current mode; the caller closes it. */
  public static Backend<PostgresConnection> startPostgres() {
    return mode() == Mode.REAL ? RealPostgres.start() : EmbeddedPostgres.start();
  }

  /** A new AMQP 0-9-1 broker (or virtual host) for the current mode; the caller closes it. */
  public static Backend<AmqpConnection> startBroker() {
    return mode() == Mode.REAL ? RealRabbitMq.start() : EmbeddedAmqpBroker.start();
  }

  /**
   * A new embedded S3 (in every mode): the file-backed server {@code ./lega up} uses, on a fresh
   * temporary directory; the caller closes it.
   */
  public static Backend<S3Connection> startS3() {
    return FileS3Server.startTemporary();
  }

  /** The JVM's shared PostgreSQL database, started on first use. */
  public static PostgresConnection sharedPostgres() {
    return JvmShared.get(
        "postgres",
        Infrastructure::startPostgres,
        PostgresConnection::toMap,
        PostgresConnection::fromMap);
  }

  /** The JVM's shared AMQP broker, started on first use. */
  public static AmqpConnection sharedBroker() {
    return JvmShared.get(
        "amqp", Infrastructure::startBroker, AmqpConnection::toMap, AmqpConnection::fromMap);
  }

  /** The JVM's shared embedded S3, started on first use. */
  public static S3Connection sharedS3() {
    return JvmShared.get("s3", Infrastructure::startS3, S3Connection::toMap, S3Connection::fromMap);
  }
}
