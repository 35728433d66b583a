package io.lega.hub.messaging;

import io.lega.contracts.HubToNodeMessage;
import io.lega.contracts.MessageCodec;
import io.lega.hub.config.HubConfig;
import io.lega.hub.service.NodeOutbox;
import io.lega.hub.service.NodeUnreachableException;
import io.lega.platform.broker.Broker;
import io.lega.platform.broker.OutgoingMessage;
import io.lega.platform.broker.PublishNotConfirmedException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Sends hub &rarr; node messages through the hub's {@link Broker} ({@link HubBroker}): encoded and
 * checked against their schema by {@link MessageCodec#shared()}, published persistent as JSON on
 * the exchange {@code hub} with the routing key {@code to_node.<node>} of the hub's node (the first
 * of {@code lega.hub.broker.nodes}), and confirmed by the broker before {@link #send} returns.
 * Blocking: never call it on an event loop.
 *
 * <p>Counter {@code lega.hub.node.messages.sent{type}}.
 */
@ApplicationScoped
public class BrokerNodeOutbox implements NodeOutbox {

  private static final Logger LOG = Logger.getLogger(BrokerNodeOutbox.class);

  private final Broker broker;
  private final String node;
  private final MeterRegistry metrics;

  public BrokerNodeOutbox(Broker broker, HubConfig config, MeterRegistry metrics) {
    this.broker = broker;
    this.node = config.broker().nodes().get(0);
    this.metrics = metrics;
  }

  @Override
  public void send(HubToNodeMessage message, String correlationId) {
    // an invalid message is the hub's bug: InvalidMessageException propagates (500, or a retry)
    byte[] body = MessageCodec.shared().encode(message);
    try {
      broker.publish(
          broker.topology().hubExchange(),
          broker.topology().inboundRoutingKey(node),
          OutgoingMessage.of(body, correlationId));
    } catch (PublishNotConfirmedException | IllegalStateException e) {
      throw new NodeUnreachableException(
          "the "
              + message.type()
              + " message for node "
              + node
              + " was not sent: "
              + e.getMessage(),
          e);
    }
    metrics.counter("lega.hub.node.messages.sent", "type", message.type()).increment();
    LOG.infof("sent %s to node %s (correlation id %s)", message.type(), node, correlationId);
  }
}
