package io.lega.inbox.broker;

import io.lega.contracts.MessageCodec;
import io.lega.inbox.config.InboxConfig;
import io.lega.inbox.notify.ContractInboxNotifier;
import io.lega.inbox.notify.InboxNotifier;
import io.lega.inbox.notify.LoggingInboxNotifier;
import io.lega.inbox.notify.MessageSender;
import io.lega.platform.broker.BrokerConnection;
import io.lega.platform.broker.BrokerSettings;
import io.lega.platform.broker.OutgoingMessage;
import io.lega.platform.broker.Publisher;
import io.lega.platform.broker.Topology;
import io.lega.platform.error.SystemErrorException;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * Wires the inbox to the broker: one {@link BrokerConnection} (the node side of the topology
 * declared on it at start) and one {@link Publisher} on it, made from {@link InboxConfig#broker()},
 * and the application's {@link InboxNotifier}: a {@link ContractInboxNotifier} publishing to the
 * hub's exchange ({@code files.inbox}, {@code files.error}) and waiting for each confirm, or, with
 * {@code lega.inbox.notifier=log}, a {@link LoggingInboxNotifier} and no connection at all.
 *
 * <p>The connection is opened when the notifier is first needed, at start-up (the SFTP server needs
 * it): a broker that cannot be reached or refuses the login stops the application from starting.
 * Once connected, the client reconnects by itself after a network failure or a broker restart;
 * meanwhile every publish fails, and so does the SFTP operation that needed it. The publisher and
 * the connection are closed when the application stops, after the SFTP server (in either order:
 * closing the connection closes the publisher's channel too).
 */
@Singleton
public class InboxBroker {

  /** The client-provided connection name, shown by the broker. */
  public static final String CONNECTION_NAME = "inbox-service";

  private static final Logger LOG = Logger.getLogger(InboxBroker.class);

  /** The broker settings of the configuration; invalid ones throw. */
  static BrokerSettings settings(InboxConfig.Broker broker) {
    BrokerSettings defaults =
        BrokerSettings.of(broker.host(), broker.port(), broker.username(), broker.password());
    // the back-off paces reconnection; attempts and prefetch are for consumers (none here)
    return defaults
        .withVirtualHost(broker.virtualHost())
        .withTls(broker.tls())
        .withConfirmTimeout(broker.confirmTimeout())
        .withRetry(defaults.maxAttempts(), broker.initialBackoff(), broker.maxBackoff());
  }

  /** The topology side of the configuration. */
  static Topology.Side side(InboxConfig.Broker broker) {
    return switch (broker.topologySide()) {
      case NODE -> Topology.Side.NODE;
      case BOTH -> Topology.Side.BOTH;
    };
  }

  /**
   * Publishes through {@code publisher} to the hub's exchange, the message's file as correlation.
   */
  static MessageSender sender(Publisher publisher, Topology topology) {
    String exchange = topology.hubExchange();
    return (routingKey, correlationId, body) ->
        publisher.publish(exchange, routingKey, OutgoingMessage.of(body, correlationId));
  }

  /**
   * Opens a connection and declares {@code side} of the topology on it (idempotent). The channel
   * the topology is declared on stays open with the connection: the client's topology recovery
   * declares the same again on it after a reconnection (a broker that restarted empty).
   *
   * @throws SystemErrorException if the broker cannot be reached or refuses a declaration
   */
  static BrokerConnection open(BrokerSettings settings, Topology topology, Topology.Side side) {
    BrokerConnection connection = new BrokerConnection(settings, CONNECTION_NAME);
    try {
      topology.declare(connection.openChannel(), side);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw new SystemErrorException("cannot declare the " + side + " topology: " + e, e);
    }
    return connection;
  }

  @Produces
  @Singleton
  Topology topology(InboxConfig config) {
    return Topology.load(config.broker().nodeName());
  }

  @Produces
  @Singleton
  BrokerConnection connection(InboxConfig config, Topology topology) {
    return open(settings(config.broker()), topology, side(config.broker()));
  }

  void close(@Disposes BrokerConnection connection) {
    connection.close();
  }

  @Produces
  @Singleton
  Publisher publisher(BrokerConnection connection) {
    return new Publisher(connection);
  }

  void close(@Disposes Publisher publisher) {
    publisher.close();
  }

  @Produces
  @Singleton
  InboxNotifier notifier(
      InboxConfig config, Instance<Publisher> publisher, Instance<Topology> topology) {
    return switch (config.notifier()) {
      case LOG -> {
        LOG.warn(
            "lega.inbox.notifier=log: notifications are only logged, the hub hears of nothing");
        yield new LoggingInboxNotifier();
      }
      case BROKER -> {
        Topology definition = topology.get();
        LOG.infof(
            "notifications go to exchange '%s' (files.inbox, files.error), topology side %s",
            definition.hubExchange(), side(config.broker()));
        yield new ContractInboxNotifier(MessageCodec.shared(), sender(publisher.get(), definition));
      }
    };
  }
}
