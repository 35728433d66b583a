package io.lega.contracts;

/** Who sends a message to whom. */
public enum Direction {
  /** Published by a node on the hub's exchange, with a routing key. */
  NODE_TO_HUB,
  /** Sent by the hub to a node; dispatched on the body's {@code type}. */
  HUB_TO_NODE,
  /** Between the services of one node; never leaves it. */
  NODE_INTERNAL
}
