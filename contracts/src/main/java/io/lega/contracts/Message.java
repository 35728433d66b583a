package io.lega.contracts;

/**
 * A message of the protocol. Every implementation is a record with one JSON Schema, named by {@link
 * #messageType()}.
 */
public sealed interface Message permits HubToNodeMessage, NodeToHubMessage, NodeInternalMessage {

  /** Which message this is: its schema, direction, routing key or type value. */
  MessageType messageType();
}
