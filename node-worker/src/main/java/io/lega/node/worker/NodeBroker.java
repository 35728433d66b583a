package io.lega.node.worker;

import io.lega.contracts.Message;
import io.lega.contracts.MessageCodec;
import io.lega.platform.broker.BrokerConnection;
import io.lega.platform.broker.BrokerSettings;
import io.lega.platform.broker.HubMessageRouter;
import io.lega.platform.broker.MessageDecoder;
import io.lega.platform.broker.MessageHandler;
import io.lega.platform.broker.OutgoingMessage;
import io.lega.platform.broker.Publisher;
import io.lega.platform.broker.QueueConsumer;
import io.lega.platform.broker.Topology;
import io.lega.platform.broker.UserErrorReporter;
import io.lega.platform.error.SystemErrorException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The broker side of one node worker (ingest, verify or finalize): one connection, the node's part
 * of the platform topology declared on it, one confirming {@link Publisher}, the service's {@link
 * QueueConsumer}s, and (if configured) the {@link HubMessageRouter} that moves the hub's messages
 * from {@code to_node.<node>} to the node's queues.
 *
 * <p>{@link #start} fails (and the service does not start) if the broker cannot be reached or
 * refuses the login or a declaration. Once connected, the client reconnects by itself and consuming
 * resumes. {@link #close()} stops the consumers first (waiting for messages being handled), then
 * the router, the publisher and the connection.
 */
public final class NodeBroker implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(NodeBroker.class);

  private final BrokerGroup config;
  private final Topology topology;
  private final BrokerConnection connection;
  private final Publisher publisher;
  private final MessageCodec codec = MessageCodec.shared();
  private final List<QueueConsumer<?>> consumers = new ArrayList<>();
  private HubMessageRouter router;

  private NodeBroker(BrokerGroup config, String connectionName) {
    this.config = config;
    BrokerSettings settings = BrokerGroup.settings(config);
    this.topology = Topology.load(config.nodeName());
    this.connection = new BrokerConnection(settings, connectionName);
    try {
      // the channel stays open: the client's topology recovery declares the same again on it
      topology.declare(connection.openChannel(), config.topologySide());
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw new SystemErrorException(
          "cannot declare the " + config.topologySide() + " topology: " + e, e);
    }
    this.publisher = new Publisher(connection, settings.confirmTimeout());
    LOG.infof(
        "%s connected: %s, topology side %s, node %s",
        connectionName, settings, config.topologySide(), config.nodeName());
  }

  /**
   * Connects, declares the topology and, with {@code route-hub-messages=true}, starts the hub
   * router.
   *
   * @param config the {@code lega.broker.*} keys
   * @param connectionName the name the broker shows for the connection (the service's name)
   * @throws SystemErrorException if the broker cannot be reached or refuses a declaration
   */
  public static NodeBroker start(BrokerGroup config, String connectionName) {
    NodeBroker broker = new NodeBroker(config, connectionName);
    if (config.routeHubMessages()) {
      broker.router =
          new HubMessageRouter(
              broker.topology, config.nodeName(), broker.connection, broker.publisher);
      broker.router.start();
      LOG.infof(
          "routing the hub's messages from %s", broker.topology.inboundQueue(config.nodeName()));
    }
    return broker;
  }

  /**
   * Starts consuming one of the node's queues. Messages that fail to decode, and those that fail
   * with a system error after the last attempt, are parked in the node's quarantine queue.
   *
   * @param queue the queue, e.g. {@code ingest}
   * @param decoder bytes to message
   * @param handler the work
   * @param userOf the submitter of a message, for the logging context (may return {@code null})
   * @param reporter what to do with a user error (see {@link FileErrorReporter})
   * @return the running consumer
   */
  public synchronized <T> QueueConsumer<T> consume(
      String queue,
      MessageDecoder<T> decoder,
      MessageHandler<T> handler,
      Function<? super T, String> userOf,
      UserErrorReporter<? super T> reporter) {
    return consume(queue, decoder, handler, userOf, reporter, connection.settings());
  }

  /**
   * Like {@link #consume}, but one message at a time, in the order of the queue (prefetch 1): for
   * messages whose order matters, such as a dataset's mapping and then its release.
   */
  public synchronized <T> QueueConsumer<T> consumeInOrder(
      String queue,
      MessageDecoder<T> decoder,
      MessageHandler<T> handler,
      Function<? super T, String> userOf,
      UserErrorReporter<? super T> reporter) {
    return consume(
        queue, decoder, handler, userOf, reporter, connection.settings().withPrefetch(1));
  }

  private <T> QueueConsumer<T> consume(
      String queue,
      MessageDecoder<T> decoder,
      MessageHandler<T> handler,
      Function<? super T, String> userOf,
      UserErrorReporter<? super T> reporter,
      BrokerSettings settings) {
    QueueConsumer<T> consumer =
        QueueConsumer.builder(queue, decoder, handler)
            .settings(settings)
            .connection(connection)
            .publisher(publisher)
            .reporter(reporter)
            .userOf(userOf)
            .quarantineQueue(topology.nodeQuarantineQueue())
            .alsoMalformed(io.lega.contracts.MalformedMessageException.class)
            .alsoMalformed(io.lega.contracts.InvalidMessageException.class)
            .build();
    consumer.start();
    consumers.add(consumer);
    return consumer;
  }

  /**
   * Publishes a message to the hub ({@code files.verified}, {@code files.completed}, {@code
   * files.error}) and waits for the broker's confirm. The message is validated against its schema
   * first.
   *
   * @param routingKey the routing key on the hub's exchange
   * @param message the message
   * @param correlationId the file's id
   * @throws io.lega.platform.broker.PublishNotConfirmedException if the broker did not confirm
   */
  public void toHub(String routingKey, Message message, String correlationId) {
    publisher.publish(
        topology.hubExchange(),
        routingKey,
        OutgoingMessage.of(codec.encode(message), correlationId));
  }

  /**
   * Publishes a message to one of the node's own queues (e.g. {@code archived}) and waits for the
   * broker's confirm. The message is validated against its schema first.
   */
  public void toNode(String routingKey, Message message, String correlationId) {
    publisher.publish(
        topology.nodeExchange(),
        routingKey,
        OutgoingMessage.of(codec.encode(message), correlationId));
  }

  /** The topology (queue names). */
  public Topology topology() {
    return topology;
  }

  /** The publisher, for anything else to publish. */
  public Publisher publisher() {
    return publisher;
  }

  /** The node's name. */
  public String nodeName() {
    return config.nodeName();
  }

  /** Whether the connection is open and every consumer runs. */
  public synchronized boolean healthy() {
    return connection.isOpen() && consumers.stream().allMatch(QueueConsumer::isRunning);
  }

  @Override
  public synchronized void close() {
    for (QueueConsumer<?> consumer : consumers) {
      consumer.close();
    }
    if (router != null) {
      router.close();
    }
    publisher.close();
    connection.close();
  }

  @Override
  public String toString() {
    return "NodeBroker[" + Objects.toString(connection) + "]";
  }
}
