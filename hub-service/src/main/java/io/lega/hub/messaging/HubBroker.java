package io.lega.hub.messaging;

import io.lega.contracts.InboxMessage;
import io.lega.contracts.MessageCodec;
import io.lega.contracts.RoutingKeys;
import io.lega.hub.config.HubConfig;
import io.lega.platform.broker.BrokerConnection;
import io.lega.platform.broker.BrokerSettings;
import io.lega.platform.broker.Publisher;
import io.lega.platform.broker.QueueConsumer;
import io.lega.platform.broker.Topology;
import io.lega.platform.error.SystemErrorException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The hub's side of the broker. At start: one connection (named {@value #CONNECTION_NAME}), the
 * hub's part of the platform topology declared on it ({@link Topology.Side#HUB}, or {@code BOTH}
 * with a single node), a {@link Publisher} for retry and quarantine copies, and a {@link
 * QueueConsumer} of {@code files.inbox} handing each decoded message to {@link InboxMessageHandler}
 * and parking what fails in {@code hub.error}. At shutdown, the consumer stops (waiting for
 * messages being handled), then the publisher and the connection close.
 *
 * <p>A broker that cannot be reached, or refuses the login or a declaration, stops the application
 * from starting. Once connected, the client reconnects by itself after a network failure or a
 * broker restart and consuming resumes.
 */
@Singleton
public class HubBroker {

  /** The client-provided connection name, shown by the broker. */
  public static final String CONNECTION_NAME = "hub-service";

  private static final Logger LOG = Logger.getLogger(HubBroker.class);

  private final HubConfig.Broker config;
  private final InboxMessageHandler handler;
  private volatile BrokerConnection connection;
  private volatile Publisher publisher;
  private volatile QueueConsumer<InboxMessage> inbox;

  public HubBroker(HubConfig config, InboxMessageHandler handler) {
    this.config = config.broker();
    this.handler = handler;
  }

  /** The broker settings of the configuration; invalid ones throw. */
  static BrokerSettings settings(HubConfig.Broker broker) {
    return BrokerSettings.of(broker.host(), broker.port(), broker.username(), broker.password())
        .withVirtualHost(broker.virtualHost())
        .withTls(broker.tls())
        .withPrefetch(broker.prefetch())
        .withRetry(broker.maxAttempts(), broker.initialBackoff(), broker.maxBackoff())
        .withConfirmTimeout(broker.confirmTimeout());
  }

  /** The queue that receives {@code routingKey} on the hub's exchange; exactly one. */
  static String queueFor(Topology topology, Topology.Side side, String routingKey) {
    List<String> queues = topology.route(side, topology.hubExchange(), routingKey);
    if (queues.size() != 1) {
      throw new IllegalStateException(
          "the topology routes " + routingKey + " to " + queues + ", not to exactly one queue");
    }
    return queues.get(0);
  }

  void start(@Observes StartupEvent event) {
    if (!config.enabled()) {
      LOG.warn("lega.hub.broker.enabled=false: the nodes' messages are not consumed");
      return;
    }
    BrokerSettings settings = settings(config);
    Topology topology = Topology.load(config.nodes());
    Topology.Side side =
        config.topologySide() == HubConfig.TopologySide.BOTH
            ? Topology.Side.BOTH
            : Topology.Side.HUB;
    connection = new BrokerConnection(settings, CONNECTION_NAME);
    try {
      // the channel stays open: the client's topology recovery declares the same again on it
      topology.declare(connection.openChannel(), side);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw new SystemErrorException("cannot declare the " + side + " topology: " + e, e);
    }
    publisher = new Publisher(connection);
    MessageCodec codec = MessageCodec.shared();
    inbox =
        QueueConsumer.builder(
                queueFor(topology, side, RoutingKeys.FILES_INBOX), codec::decodeInbox, handler)
            .connection(connection)
            .publisher(publisher)
            .reporter(
                (error, message, context) -> {
                  // the hub has nobody to report a user error to: a handler raising one is a bug
                  throw new SystemErrorException(
                      "the files.inbox handler raised a user error: " + error.reason());
                })
            .userOf(InboxMessage::user)
            .quarantineQueue(topology.hubQuarantineQueue())
            .build();
    inbox.start();
    LOG.infof("hub broker ready: %s, topology side %s, nodes %s", settings, side, config.nodes());
  }

  void stop(@Observes ShutdownEvent event) {
    if (inbox != null) {
      inbox.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (connection != null) {
      connection.close();
    }
  }

  /** Whether messages are consumed now (false while the connection recovers). */
  public boolean consuming() {
    QueueConsumer<InboxMessage> consumer = inbox;
    BrokerConnection current = connection;
    return consumer != null && consumer.isRunning() && current != null && current.isOpen();
  }

  /** Whether consuming is switched on at all. */
  public boolean enabled() {
    return config.enabled();
  }
}
