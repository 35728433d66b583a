package io.lega.hub.messaging;

import io.lega.contracts.AccessionRequest;
import io.lega.contracts.InboxMessage;
import io.lega.contracts.IngestionCompletion;
import io.lega.contracts.IngestionUserError;
import io.lega.contracts.MessageCodec;
import io.lega.contracts.RoutingKeys;
import io.lega.hub.config.HubConfig;
import io.lega.platform.broker.BrokerConnection;
import io.lega.platform.broker.BrokerSettings;
import io.lega.platform.broker.MessageDecoder;
import io.lega.platform.broker.MessageHandler;
import io.lega.platform.broker.OutgoingMessage;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The hub's side of the broker. At start: one connection (named {@value #CONNECTION_NAME}), the
 * hub's part of the platform topology declared on it ({@link Topology.Side#HUB}, or {@code BOTH}
 * with a single node), one {@link Publisher} (for the hub &rarr; node messages of {@link
 * BrokerNodeOutbox}, and for retry and quarantine copies), and one {@link QueueConsumer} per queue
 * the nodes report on, each parking what fails in {@code hub.error}:
 *
 * <ul>
 *   <li>{@code files.inbox} &rarr; {@link InboxMessageHandler}
 *   <li>{@code files.verified} &rarr; {@link AccessionRequestHandler}
 *   <li>{@code files.completed} &rarr; {@link CompletionHandler}
 *   <li>{@code files.error} &rarr; {@link UserErrorHandler}
 * </ul>
 *
 * At shutdown, the consumers stop (waiting for messages being handled), then the publisher and the
 * connection close.
 *
 * <p>Hub &rarr; node messages go to the first node of {@code lega.hub.broker.nodes}: exchange
 * {@code hub}, routing key {@code to_node.<node>}, which the topology binds to the queue of the
 * same name.
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
  private final InboxMessageHandler inboxHandler;
  private final AccessionRequestHandler verifiedHandler;
  private final CompletionHandler completedHandler;
  private final UserErrorHandler errorHandler;
  private final List<QueueConsumer<?>> consumers = new CopyOnWriteArrayList<>();
  private volatile BrokerConnection connection;
  private volatile Publisher publisher;
  private volatile Topology topology;

  public HubBroker(
      HubConfig config,
      InboxMessageHandler inboxHandler,
      AccessionRequestHandler verifiedHandler,
      CompletionHandler completedHandler,
      UserErrorHandler errorHandler) {
    this.config = config.broker();
    this.inboxHandler = inboxHandler;
    this.verifiedHandler = verifiedHandler;
    this.completedHandler = completedHandler;
    this.errorHandler = errorHandler;
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
      LOG.warn(
          "lega.hub.broker.enabled=false: the nodes' messages are not consumed, and nothing can"
              + " be sent to them");
      return;
    }
    BrokerSettings settings = settings(config);
    Topology loaded = Topology.load(config.nodes());
    Topology.Side side =
        config.topologySide() == HubConfig.TopologySide.BOTH
            ? Topology.Side.BOTH
            : Topology.Side.HUB;
    connection = new BrokerConnection(settings, CONNECTION_NAME);
    try {
      // the channel stays open: the client's topology recovery declares the same again on it
      loaded.declare(connection.openChannel(), side);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw new SystemErrorException("cannot declare the " + side + " topology: " + e, e);
    }
    publisher = new Publisher(connection);
    topology = loaded;
    MessageCodec codec = MessageCodec.shared();
    consumers.add(
        consumer(
            loaded,
            side,
            RoutingKeys.FILES_INBOX,
            codec::decodeInbox,
            inboxHandler,
            InboxMessage::user));
    consumers.add(
        consumer(
            loaded,
            side,
            RoutingKeys.FILES_VERIFIED,
            body -> codec.decode(body, AccessionRequest.class),
            verifiedHandler,
            AccessionRequest::user));
    consumers.add(
        consumer(
            loaded,
            side,
            RoutingKeys.FILES_COMPLETED,
            body -> codec.decode(body, IngestionCompletion.class),
            completedHandler,
            IngestionCompletion::user));
    consumers.add(
        consumer(
            loaded,
            side,
            RoutingKeys.FILES_ERROR,
            body -> codec.decode(body, IngestionUserError.class),
            errorHandler,
            IngestionUserError::user));
    consumers.forEach(QueueConsumer::start);
    LOG.infof(
        "hub broker ready: %s, topology side %s, nodes %s, hub messages to %s",
        settings, side, config.nodes(), loaded.inboundQueue(node()));
  }

  private <T> QueueConsumer<T> consumer(
      Topology topology,
      Topology.Side side,
      String routingKey,
      MessageDecoder<T> decoder,
      MessageHandler<T> handler,
      Function<T, String> userOf) {
    return QueueConsumer.builder(queueFor(topology, side, routingKey), decoder, handler)
        .connection(connection)
        .publisher(publisher)
        .reporter(
            (error, message, context) -> {
              // the hub has nobody to report a user error to: a handler raising one is a bug
              throw new SystemErrorException(
                  "the " + routingKey + " handler raised a user error: " + error.reason());
            })
        .userOf(userOf)
        .quarantineQueue(topology.hubQuarantineQueue())
        .build();
  }

  void stop(@Observes ShutdownEvent event) {
    consumers.forEach(QueueConsumer::close);
    if (publisher != null) {
      publisher.close();
    }
    if (connection != null) {
      connection.close();
    }
  }

  /** The node the hub sends its messages to: the first of {@code lega.hub.broker.nodes}. */
  public String node() {
    return config.nodes().get(0);
  }

  /**
   * Publishes a hub &rarr; node message (already encoded) to {@link #node()}'s queue and waits for
   * the broker's confirm. Blocking: never call it on an event loop.
   *
   * @throws IllegalStateException if the hub runs without a broker, or has not started it, or the
   *     publisher is closed
   * @throws io.lega.platform.broker.PublishNotConfirmedException if the broker did not confirm
   */
  public void publishToNode(OutgoingMessage message) {
    Publisher current = publisher;
    Topology routes = topology;
    if (!config.enabled()) {
      throw new IllegalStateException(
          "the hub runs without a broker (lega.hub.broker.enabled=false)");
    }
    if (current == null || routes == null) {
      throw new IllegalStateException("the hub's broker connection is not started yet");
    }
    current.publish(routes.hubExchange(), routes.inboundRoutingKey(node()), message);
  }

  /** Whether messages are consumed now, from every queue (false while the connection recovers). */
  public boolean consuming() {
    BrokerConnection current = connection;
    return consumers.size() == 4
        && consumers.stream().allMatch(QueueConsumer::isRunning)
        && current != null
        && current.isOpen();
  }

  /** The queues consumed. */
  public List<String> queues() {
    return consumers.stream().map(QueueConsumer::queue).toList();
  }

  /** Whether consuming is switched on at all. */
  public boolean enabled() {
    return config.enabled();
  }
}
