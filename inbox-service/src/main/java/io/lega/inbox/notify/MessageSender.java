package io.lega.inbox.notify;

/**
 * Sends one encoded message to the hub's exchange and returns once the broker has taken it (a
 * publisher confirm). With the platform's broker module: {@code (routingKey, correlationId, body)
 * -> publisher.publish(topology.hubExchange(), routingKey, OutgoingMessage.of(body,
 * correlationId))}.
 */
@FunctionalInterface
public interface MessageSender {

  void send(String routingKey, String correlationId, byte[] body) throws Exception;
}
