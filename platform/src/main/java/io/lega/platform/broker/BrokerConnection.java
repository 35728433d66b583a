package io.lega.platform.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.RecoveryDelayHandler;
import com.rabbitmq.client.ShutdownSignalException;
import io.lega.platform.error.SystemErrorException;
import java.io.IOException;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import org.jboss.logging.Logger;

/**
 * One AMQP connection to the broker, with automatic connection recovery and topology recovery on:
 * after a network failure or a broker restart the client reconnects (with back-off between {@link
 * BrokerSettings#initialBackoff()} and {@link BrokerSettings#maxBackoff()}), reopens its channels,
 * and re-registers their consumers, publisher confirms and prefetch.
 *
 * <p>The connection carries a client-provided name (shown in the broker's management UI, e.g.
 * {@code ingest-service@host}). Channels closed by the broker for a channel-level error are not
 * recovered by the client; {@link Publisher} and {@link QueueConsumer} open new ones themselves.
 */
public final class BrokerConnection implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(BrokerConnection.class);
  private static final int CLOSE_TIMEOUT_MILLIS = 5_000;

  private final BrokerSettings settings;
  private final String name;
  private final Connection connection;

  /**
   * Opens the connection.
   *
   * @param settings where the broker is and how to log in
   * @param connectionName the client-provided connection name, e.g. {@code ingest-service}
   * @throws SystemErrorException if the broker cannot be reached or refuses the login
   */
  public BrokerConnection(BrokerSettings settings, String connectionName) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(connectionName, "connectionName");
    if (connectionName.isBlank()) {
      throw new IllegalArgumentException("connectionName must not be blank");
    }
    this.name = connectionName;
    ConnectionFactory factory = factory(settings);
    try {
      this.connection = factory.newConnection(connectionName);
    } catch (IOException | TimeoutException e) {
      throw new SystemErrorException(
          "cannot connect to the broker at %s:%s (virtual host %s) as %s: %s"
              .formatted(
                  settings.host(), settings.port(), settings.virtualHost(), settings.username(), e),
          e);
    }
    LOG.infof(
        "connected to the broker at %s:%d%s as %s (connection %s)",
        settings.host(),
        settings.port(),
        settings.useTls() ? " with TLS" : "",
        settings.username(),
        connectionName);
  }

  private static ConnectionFactory factory(BrokerSettings settings) {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(settings.host());
    factory.setPort(settings.port());
    factory.setUsername(settings.username());
    factory.setPassword(settings.password());
    factory.setVirtualHost(settings.virtualHost());
    factory.setAutomaticRecoveryEnabled(true);
    factory.setTopologyRecoveryEnabled(true);
    factory.setRecoveryDelayHandler(recoveryDelays(settings));
    factory.setRequestedHeartbeat(30);
    factory.setConnectionTimeout(10_000);
    // add to the client's properties, never replace them: they carry its capabilities
    // (consumer_cancel_notify, basic.nack, ...)
    Map<String, Object> clientProperties = new HashMap<>(factory.getClientProperties());
    clientProperties.put("product", "LEGA");
    factory.setClientProperties(clientProperties);
    if (settings.useTls()) {
      try {
        factory.useSslProtocol(SSLContext.getDefault());
      } catch (NoSuchAlgorithmException e) {
        throw new SystemErrorException("no default TLS context in this JVM", e);
      }
      factory.enableHostnameVerification();
    }
    return factory;
  }

  private static RecoveryDelayHandler recoveryDelays(BrokerSettings settings) {
    return recoveryAttempts -> settings.backoff(recoveryAttempts + 1).toMillis();
  }

  /**
   * Opens a new channel.
   *
   * @throws SystemErrorException if the connection is down (for instance while it recovers) or the
   *     broker refuses another channel
   */
  public Channel openChannel() {
    try {
      Channel channel = connection.createChannel();
      if (channel == null) {
        throw new SystemErrorException("the broker has no channel left on connection " + name);
      }
      return channel;
    } catch (IOException | ShutdownSignalException e) {
      throw new SystemErrorException("cannot open a channel on connection " + name + ": " + e, e);
    }
  }

  /** The settings this connection was opened with. */
  public BrokerSettings settings() {
    return settings;
  }

  /** The client-provided connection name. */
  public String name() {
    return name;
  }

  /** Whether the connection is open now (false while it recovers, and after {@link #close()}). */
  public boolean isOpen() {
    return connection.isOpen();
  }

  /** Closes the connection and every channel on it; stops recovery. Never throws. */
  @Override
  public void close() {
    try {
      if (connection.isOpen()) {
        connection.close(CLOSE_TIMEOUT_MILLIS);
      } else {
        connection.abort(CLOSE_TIMEOUT_MILLIS);
      }
      LOG.infof("closed broker connection %s", name);
    } catch (IOException | RuntimeException e) {
      LOG.warnf("closing broker connection %s: %s", name, e.toString());
      connection.abort(CLOSE_TIMEOUT_MILLIS);
    }
  }

  /** Closes a channel (aborting it whatever happens); never throws. */
  static void closeQuietly(Channel channel, String what) {
    try {
      if (channel.isOpen()) {
        channel.close();
      }
    } catch (IOException | TimeoutException | RuntimeException e) {
      LOG.debugf("closing the %s: %s", what, e);
    } finally {
      abortQuietly(channel);
    }
  }

  /** Aborts a channel; never throws. */
  static void abortQuietly(Channel channel) {
    try {
      channel.abort();
    } catch (IOException | RuntimeException e) {
      LOG.tracef("aborting a channel: %s", e);
    }
  }

  @Override
  public String toString() {
    return "BrokerConnection[" + name + " -> " + settings.host() + ":" + settings.port() + "]";
  }
}
