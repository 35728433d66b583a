package io.lega.hub.messaging;

import io.lega.contracts.AccessionRequest;
import io.lega.contracts.InboxMessage;
import io.lega.contracts.IngestionCompletion;
import io.lega.contracts.IngestionUserError;
import io.lega.contracts.MessageCodec;
import io.lega.contracts.RoutingKeys;
import io.lega.hub.config.HubConfig;
import io.lega.platform.broker.Broker;
import io.lega.platform.broker.Consumption;
import io.lega.platform.broker.MessageDecoder;
import io.lega.platform.broker.MessageHandler;
import io.lega.platform.broker.Topology;
import io.lega.platform.error.SystemErrorException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.ObserverMethod;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Wires the hub to the broker, as every service does: a CDI-produced {@link Broker}, made at start
 * and closed by its disposer. Its connection is named {@value #CONNECTION_NAME}; the hub's part of
 * the platform topology is declared on it ({@link Topology.Side#HUB}, or {@code BOTH} with a single
 * node); its publisher sends the hub &rarr; node messages of {@link BrokerNodeOutbox} (and the
 * retry and quarantine copies); and one consumer per queue the nodes report on parks what fails in
 * {@code hub.error}:
 *
 * <ul>
 *   <li>{@code files.inbox} &rarr; {@link InboxMessageHandler}
 *   <li>{@code files.verified} &rarr; {@link AccessionRequestHandler}
 *   <li>{@code files.completed} &rarr; {@link CompletionHandler}
 *   <li>{@code files.error} &rarr; {@link UserErrorHandler}
 * </ul>
 *
 * At shutdown the consumers stop first, last started first (each waiting for the messages it is
 * handling); the disposer then closes the publisher and the connection. With {@code
 * lega.hub.broker.enabled=false} the broker is {@linkplain Broker#disabled disabled}.
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

  /** The queue bound with {@code routingKey} to the hub's exchange; exactly one. */
  static String queueFor(Topology topology, Topology.Side side, String routingKey) {
    List<String> queues = topology.queuesBoundWith(side, topology.hubExchange(), routingKey);
    if (queues.size() != 1) {
      throw new IllegalStateException(
          "the topology routes " + routingKey + " to " + queues + ", not to exactly one queue");
    }
    return queues.get(0);
  }

  /** Made at start-up, after the configuration check ({@code HubConfigCheck}). */
  @Produces
  @Singleton
  @Startup(ObserverMethod.DEFAULT_PRIORITY + 1)
  Broker broker(
      HubConfig hub,
      InboxMessageHandler inboxHandler,
      AccessionRequestHandler verifiedHandler,
      CompletionHandler completedHandler,
      UserErrorHandler errorHandler) {
    HubConfig.Broker config = hub.broker();
    if (!config.enabled()) {
      LOG.warn(
          "lega.hub.broker.enabled=false: the nodes' messages are not consumed, and nothing can"
              + " be sent to them");
      return Broker.disabled("lega.hub.broker.enabled=false");
    }
    Topology.Side side =
        config.topologySide() == HubConfig.TopologySide.BOTH
            ? Topology.Side.BOTH
            : Topology.Side.HUB;
    Topology topology = Topology.load(config.nodes());
    Broker broker = Broker.connect(config.settings(), CONNECTION_NAME, topology, side);
    try {
      MessageCodec codec = MessageCodec.shared();
      consume(
          broker,
          side,
          RoutingKeys.FILES_INBOX,
          codec::decodeInbox,
          inboxHandler,
          InboxMessage::user);
      consume(
          broker,
          side,
          RoutingKeys.FILES_VERIFIED,
          body -> codec.decode(body, AccessionRequest.class),
          verifiedHandler,
          AccessionRequest::user);
      consume(
          broker,
          side,
          RoutingKeys.FILES_COMPLETED,
          body -> codec.decode(body, IngestionCompletion.class),
          completedHandler,
          IngestionCompletion::user);
      consume(
          broker,
          side,
          RoutingKeys.FILES_ERROR,
          body -> codec.decode(body, IngestionUserError.class),
          errorHandler,
          IngestionUserError::user);
    } catch (RuntimeException e) {
      broker.close();
      throw e;
    }
    LOG.infof(
        "hub broker ready: nodes %s, hub messages to %s",
        config.nodes(), topology.inboundQueue(config.nodes().get(0)));
    return broker;
  }

  private static <T> void consume(
      Broker broker,
      Topology.Side side,
      String routingKey,
      MessageDecoder<T> decoder,
      MessageHandler<T> handler,
      Function<T, String> userOf) {
    Topology topology = broker.topology();
    broker.consume(
        new Consumption<>(
            queueFor(topology, side, routingKey),
            decoder,
            handler,
            (error, message, context) -> {
              // the hub has nobody to report a user error to: a handler raising one is a bug
              throw new SystemErrorException(
                  "the " + routingKey + " handler raised a user error: " + error.reason());
            },
            userOf,
            topology.hubQuarantineQueue()));
  }

  /** Stops consuming before the rest of the application (the database) goes away. */
  void stopConsuming(@Observes ShutdownEvent event, Instance<Broker> broker) {
    broker.get().stopConsuming();
  }

  void close(@Disposes Broker broker) {
    broker.close();
  }
}
