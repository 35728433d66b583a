package io.lega.testsupport.embedded;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;

/**
 * An AMQP 0-9-1 broker in this JVM: Apache Qpid Broker-J with memory stores only, listening on the
 * loopback interface.
 *
 * <p>One user ({@value #DEFAULT_USERNAME}/{@value #DEFAULT_PASSWORD} unless set otherwise), PLAIN
 * allowed without TLS as RabbitMQ does. One memory virtual host, the broker's default: Qpid strips
 * the leading {@code /} of the name a 0-9-1 client asks for, and the empty name that is left
 * resolves to the default virtual host, so the RabbitMQ client's default {@code "/"} reaches it (as
 * does its own name, {@value #VIRTUAL_HOST_NODE}).
 *
 * <p>Qpid is not RabbitMQ: it rejects the queue arguments {@code x-dead-letter-exchange} and {@code
 * x-message-ttl}, and has none of RabbitMQ's extensions beyond publisher confirms.
 */
public final class EmbeddedAmqpBroker implements Backend<AmqpConnection> {

  /** The default user name. */
  public static final String DEFAULT_USERNAME = "guest";

  /** The default password. */
  public static final String DEFAULT_PASSWORD = "guest";

  /** The name Qpid gives the virtual host; clients use {@code "/"}. */
  public static final String VIRTUAL_HOST_NODE = "default";

  private static final String HOST = "127.0.0.1";
  private static final String AMQP_PORT_NAME = "AMQP";
  private static final String STATUS_UPDATES = "qpid.broker_status_updates";

  private final SystemLauncher launcher;
  private final Path workDirectory;
  private final AmqpConnection connection;
  private boolean closed;

  private EmbeddedAmqpBroker(SystemLauncher launcher, Path workDirectory, AmqpConnection conn) {
    this.launcher = launcher;
    this.workDirectory = workDirectory;
    this.connection = conn;
  }

  /** Starts a broker on a free port with user guest/guest. */
  public static EmbeddedAmqpBroker start() {
    return builder().start();
  }

  /** Options for a broker. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public AmqpConnection connection() {
    return connection;
  }

  /** Stops the broker and deletes its work directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      launcher.shutdown();
    } catch (IllegalStateException e) {
      // Qpid's own JVM shutdown hook closed the broker first ("Task executor ... is not in ACTIVE
      // state"): nothing left to stop.
    } finally {
      Files2.deleteRecursively(workDirectory);
    }
  }

  /** Options for {@link EmbeddedAmqpBroker}. */
  public static final class Builder {
    private int port;
    private String username = DEFAULT_USERNAME;
    private String password = DEFAULT_PASSWORD;

    private Builder() {}

    /** The TCP port; 0 (the default) lets the broker bind a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The user that clients log in as. */
    public Builder credentials(String username, String password) {
      this.username = Objects.requireNonNull(username);
      this.password = Objects.requireNonNull(password);
      return this;
    }

    /** Starts the broker; returns when it accepts connections. */
    public EmbeddedAmqpBroker start() {
      // Qpid logs every connection, channel, queue and binding at INFO ("operational logging");
      // off unless asked for with -Dqpid.broker_status_updates=true.
      if (System.getProperty(STATUS_UPDATES) == null) {
        System.setProperty(STATUS_UPDATES, "false");
      }
      Path work;
      try {
        work = Files.createTempDirectory("lega-qpid-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try {
        Path config = work.resolve("initial-config.json");
        Files.writeString(config, new ObjectMapper().writeValueAsString(initialConfig()));

        AtomicReference<SystemConfig<?>> system = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        SystemLauncher launcher =
            new SystemLauncher(
                new SystemLauncherListener.DefaultSystemLauncherListener() {
                  @Override
                  public void onContainerResolve(SystemConfig<?> systemConfig) {
                    system.set(systemConfig);
                  }

                  @Override
                  public void errorOnStartup(RuntimeException e) {
                    failure.set(e);
                  }
                });

        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", config.toUri().toString());
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put(
            "context",
            Map.of(
                "QPID_WORK", work.toString(),
                "qpid.work_dir", work.toString(),
                // No preferences.json: nothing but the initial config is written.
                "qpid.broker.defaultPreferenceStoreAttributes", "{\"type\": \"Noop\"}"));
        launcher.startup(attributes);

        if (failure.get() != null) {
          throw new IllegalStateException("Qpid broker did not start", failure.get());
        }
        // read once, at the first start of a memory configuration store
        Files.deleteIfExists(config);
        int boundPort = boundAmqpPort(system.get());
        var conn = new AmqpConnection(HOST, boundPort, username, password, "/");
        return new EmbeddedAmqpBroker(launcher, work, conn);
      } catch (Exception e) {
        Files2.deleteRecursively(work);
        if (e instanceof RuntimeException re) {
          throw re;
        }
        throw new IllegalStateException("Qpid broker did not start", e);
      }
    }

    private Map<String, Object> initialConfig() {
      Map<String, Object> user = Map.of("name", username, "type", "managed", "password", password);
      Map<String, Object> auth =
          Map.of(
              "name",
              "plain",
              "type",
              "Plain",
              // RabbitMQ clients use PLAIN on a plain socket; Qpid allows it only over TLS by
              // default.
              "secureOnlyMechanisms",
              List.of(),
              "users",
              List.of(user));
      Map<String, Object> amqpPort =
          Map.of(
              "name",
              AMQP_PORT_NAME,
              "type",
              "AMQP",
              "port",
              port,
              "bindingAddress",
              HOST,
              "authenticationProvider",
              "plain",
              "virtualhostaliases",
              List.of(
                  Map.of("name", "nameAlias", "type", "nameAlias"),
                  Map.of("name", "defaultAlias", "type", "defaultAlias")));
      Map<String, Object> node =
          Map.of(
              "name", VIRTUAL_HOST_NODE,
              "type", "Memory",
              "defaultVirtualHostNode", "true",
              "virtualHostInitialConfiguration", "{\"type\": \"Memory\"}");
      Map<String, Object> broker = new LinkedHashMap<>();
      broker.put("name", "lega-embedded");
      broker.put("modelVersion", org.apache.qpid.server.model.BrokerModel.MODEL_VERSION);
      broker.put("authenticationproviders", List.of(auth));
      broker.put("ports", List.of(amqpPort));
      broker.put("virtualhostnodes", List.of(node));
      return broker;
    }

    private static int boundAmqpPort(SystemConfig<?> system) {
      if (system == null) {
        throw new IllegalStateException("Qpid broker did not start (no system config)");
      }
      Broker<?> broker = system.getContainer(Broker.class);
      for (Port<?> p : broker.getPorts()) {
        if (AMQP_PORT_NAME.equals(p.getName())) {
          int bound = p.getBoundPort();
          if (bound <= 0) {
            throw new IllegalStateException("Qpid AMQP port is not bound: " + p.getState());
          }
          return bound;
        }
      }
      throw new IllegalStateException("Qpid broker has no AMQP port");
    }
  }
}
