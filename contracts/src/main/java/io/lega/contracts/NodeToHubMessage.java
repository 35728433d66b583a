package io.lega.contracts;

/**
 * A message a node sends to the hub, published with {@link #routingKey()} on the hub's exchange.
 */
public sealed interface NodeToHubMessage extends Message
    permits InboxMessage, AccessionRequest, IngestionCompletion, IngestionUserError {

  /** The routing key on the hub's exchange, for example {@code "files.verified"}. */
  default String routingKey() {
    return messageType().routingKey().orElseThrow();
  }
}
