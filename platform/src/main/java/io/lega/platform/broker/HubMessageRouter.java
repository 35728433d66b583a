package io.lega.platform.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.lega.platform.error.MalformedMessageException;
import io.lega.platform.error.SystemErrorException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Moves every hub-to-node message from the node's inbound queue to the queue of the service that
 * handles it, by the body's {@code type}: the message is published unchanged on the node's exchange
 * with its type as routing key (for instance {@code mapping}, {@code release} and {@code deprecate}
 * all reach {@code mappings}). A body that is not a JSON object, has no type, or has a type the hub
 * may not send ({@link Topology#hubToNodeTypes()}) is quarantined in the node's quarantine queue.
 *
 * <p>The router does not validate the rest of the message: the consuming service does, with the
 * contracts' codec. Correlation id, message id and headers are kept; the retry bookkeeping of the
 * inbound queue is not passed on. Run one (or more, they compete) per node.
 */
public final class HubMessageRouter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(HubMessageRouter.class);

  /**
   * A hub message and its type.
   *
   * @param type the body's {@code type}
   * @param body the body as received
   */
  public record Routed(String type, byte[] body) {}

  private final QueueConsumer<Routed> consumer;

  /**
   * @param topology the topology (the router consumes its inbound queue for {@code nodeName})
   * @param nodeName this node's name
   * @param connection the connection to consume on
   * @param publisher the publisher for routed, retried and quarantined messages
   */
  public HubMessageRouter(
      Topology topology, String nodeName, BrokerConnection connection, Publisher publisher) {
    Objects.requireNonNull(topology, "topology");
    Objects.requireNonNull(nodeName, "nodeName");
    Set<String> types = topology.hubToNodeTypes();
    String exchange = topology.nodeExchange();
    this.consumer =
        QueueConsumer.builder(
                topology.inboundQueue(nodeName),
                decoder(types),
                MessageHandler.<Routed>blocking(
                    (message, context) -> forward(publisher, exchange, message, context)))
            .connection(connection)
            .publisher(publisher)
            .reporter(
                (error, message, context) -> {
                  throw new SystemErrorException("the hub router raised a user error: " + error);
                })
            .quarantineQueue(topology.nodeQuarantineQueue())
            .build();
  }

  /** Reads a hub message's type; anything else is malformed. */
  static MessageDecoder<Routed> decoder(Set<String> types) {
    return body -> {
      JsonNode json = JsonBodies.readObject(body);
      JsonNode type = json.get("type");
      if (type == null || !type.isTextual()) {
        throw new MalformedMessageException("a hub message needs a string 'type'");
      }
      if (!types.contains(type.asText())) {
        throw new MalformedMessageException(
            "unknown hub message type '" + type.asText() + "' (expected one of " + types + ")");
      }
      return new Routed(type.asText(), body);
    };
  }

  private static void forward(
      Publisher publisher, String exchange, Routed message, MessageContext context) {
    Map<String, Object> headers = new HashMap<>(context.headers());
    headers.remove(MessageHeaders.ATTEMPT);
    headers.remove(MessageHeaders.LAST_ERROR);
    publisher.publish(
        exchange,
        message.type(),
        new OutgoingMessage(message.body(), context.correlationId(), headers, context.messageId()));
    LOG.debugf("routed a '%s' message to exchange %s", message.type(), exchange);
  }

  /** Starts routing. */
  public void start() {
    consumer.start();
  }

  /** Stops routing; see {@link QueueConsumer#close()}. */
  @Override
  public void close() {
    consumer.close();
  }
}
