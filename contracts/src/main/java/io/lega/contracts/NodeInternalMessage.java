package io.lega.contracts;

/**
 * A message that stays inside a node, between its own services. Its routing key is the node's own
 * business (the node's topology definition), so it is not part of the contract.
 */
public sealed interface NodeInternalMessage extends Message permits FileArchived {}
