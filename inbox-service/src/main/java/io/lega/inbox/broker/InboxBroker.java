package io.lega.inbox.broker;

import io.lega.contracts.MessageCodec;
import io.lega.inbox.config.InboxConfig;
import io.lega.inbox.notify.ContractInboxNotifier;
import io.lega.inbox.notify.InboxNotifier;
import io.lega.inbox.notify.LoggingInboxNotifier;
import io.lega.inbox.notify.MessageSender;
import io.lega.platform.broker.Broker;
import io.lega.platform.broker.OutgoingMessage;
import io.lega.platform.broker.Topology;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Wires the inbox to the broker, as every service does: a CDI-produced {@link Broker} (one
 * connection, the node side of the topology declared on it at start, one publisher), closed by its
 * disposer, made from {@link InboxConfig#broker()}; and the application's {@link InboxNotifier}: a
 * {@link ContractInboxNotifier} publishing to the hub's exchange ({@code files.inbox}, {@code
 * files.error}) and waiting for each confirm, or, with {@code lega.inbox.notifier=log}, a {@link
 * LoggingInboxNotifier} and a {@linkplain Broker#disabled disabled} broker (no connection at all).
 *
 * <p>The connection is opened when the notifier is first needed, at start-up (the SFTP server needs
 * it): a broker that cannot be reached or refuses the login stops the application from starting.
 * Once connected, the client reconnects by itself after a network failure or a broker restart;
 * meanwhile every publish fails, and so does the SFTP operation that needed it. The broker is
 * closed when the application stops, after the SFTP server.
 */
@Singleton
public class InboxBroker {

  /** The client-provided connection name, shown by the broker. */
  public static final String CONNECTION_NAME = "inbox-service";

  private static final Logger LOG = Logger.getLogger(InboxBroker.class);

  /** The topology side of the configuration. */
  static Topology.Side side(InboxConfig.Broker broker) {
    return switch (broker.topologySide()) {
      case NODE -> Topology.Side.NODE;
      case BOTH -> Topology.Side.BOTH;
    };
  }

  /** Publishes through the broker to the hub's exchange, the message's file as correlation. */
  static MessageSender sender(Broker broker) {
    String exchange = broker.topology().hubExchange();
    return (routingKey, correlationId, body) ->
        broker.publish(exchange, routingKey, OutgoingMessage.of(body, correlationId));
  }

  @Produces
  @Singleton
  Broker broker(InboxConfig config) {
    if (config.notifier() == InboxConfig.NotifierKind.LOG) {
      return Broker.disabled("lega.inbox.notifier=log");
    }
    InboxConfig.Broker broker = config.broker();
    return Broker.connect(
        broker.settings(), CONNECTION_NAME, Topology.load(broker.nodeName()), side(broker));
  }

  void close(@Disposes Broker broker) {
    broker.close();
  }

  @Produces
  @Singleton
  InboxNotifier notifier(InboxConfig config, Broker broker) {
    return switch (config.notifier()) {
      case LOG -> {
        LOG.warn(
            "lega.inbox.notifier=log: notifications are only logged, the hub hears of nothing");
        yield new LoggingInboxNotifier();
      }
      case BROKER -> {
        LOG.infof(
            "notifications go to exchange '%s' (files.inbox, files.error), topology side %s",
            broker.topology().hubExchange(), side(config.broker()));
        yield new ContractInboxNotifier(MessageCodec.shared(), sender(broker));
      }
    };
  }
}
