package io.lega.node.worker;

import com.fasterxml.jackson.databind.JsonNode;
import io.lega.contracts.MalformedMessageException;
import io.lega.platform.broker.Broker;
import io.lega.platform.broker.Consumption;
import io.lega.platform.broker.MessageContext;
import io.lega.platform.broker.MessageDecoder;
import io.lega.platform.broker.MessageHeaders;
import io.lega.platform.broker.OutgoingMessage;
import io.lega.platform.broker.Topology;
import io.lega.platform.error.SystemErrorException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The node's hub router: moves every hub-to-node message from the node's inbound queue ({@code
 * to_node.<node>}) to the queue of the service that handles it, by the body's {@code type}. The
 * message is published unchanged on the node's exchange with its type as routing key (for instance
 * {@code mapping}, {@code release} and {@code deprecate} all reach {@code mappings}). A body that
 * is not a JSON object, has no type, or has a type the hub may not send ({@link
 * Topology#hubToNodeTypes()}) is quarantined in the node's quarantine queue.
 *
 * <p>The router does not validate the rest of the message: the consuming service does, with the
 * contracts' codec. Correlation id, message id and headers are kept; the retry bookkeeping of the
 * inbound queue is not passed on. Run one (or more, they compete) per node: {@code
 * lega.broker.route-hub-messages=true}.
 */
public final class HubMessageRouter {

  private static final Logger LOG = Logger.getLogger(HubMessageRouter.class);

  /**
   * A hub message and its type.
   *
   * @param type the body's {@code type}
   * @param body the body as received
   */
  record Routed(String type, byte[] body) {}

  private HubMessageRouter() {}

  /**
   * Starts routing on the broker; the broker closes the router with its other consumers.
   *
   * @param broker the node's broker side (its topology names the queues)
   * @param nodeName this node's name
   */
  public static void start(Broker broker, String nodeName) {
    Topology topology = broker.topology();
    String exchange = topology.nodeExchange();
    broker.consume(
        new Consumption<>(
            topology.inboundQueue(nodeName),
            decoder(topology.hubToNodeTypes()),
            (Routed message, MessageContext context) -> forward(broker, exchange, message, context),
            (error, message, context) -> {
              throw new SystemErrorException("the hub router raised a user error: " + error);
            },
            null,
            topology.nodeQuarantineQueue()));
    LOG.infof("routing the hub's messages from %s", topology.inboundQueue(nodeName));
  }

  /** Reads a hub message's type; anything else is malformed. */
  static MessageDecoder<Routed> decoder(Set<String> types) {
    MessageDecoder<JsonNode> json = MessageDecoder.jsonObject();
    return body -> {
      JsonNode type = json.decode(body).get("type");
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
      Broker broker, String exchange, Routed message, MessageContext context) {
    Map<String, Object> headers = new HashMap<>(context.headers());
    headers.remove(MessageHeaders.ATTEMPT);
    headers.remove(MessageHeaders.LAST_ERROR);
    broker.publish(
        exchange,
        message.type(),
        new OutgoingMessage(message.body(), context.correlationId(), headers, context.messageId()));
    LOG.debugf("routed a '%s' message to exchange %s", message.type(), exchange);
  }
}
