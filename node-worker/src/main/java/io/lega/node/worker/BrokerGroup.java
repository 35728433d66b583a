package io.lega.node.worker;

import io.lega.platform.broker.BrokerConfig;
import io.lega.platform.broker.Topology;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The broker keys of a node worker, {@code lega.broker.*}: the keys every service shares ({@link
 * BrokerConfig}: host, port, credentials, prefetch, retries) and the node's own. Each node
 * service's mapping includes it as {@code broker()}; {@link NodeBrokerProducer} reads it as a
 * mapping of its own.
 */
@ConfigMapping(prefix = "lega.broker")
public interface BrokerGroup extends BrokerConfig {

  /** This node's name: its inbound queue from the hub is {@code to_node.<name>}. */
  @WithDefault("node1")
  String nodeName();

  /**
   * Which part of the topology to declare at start: {@code node} (the node's own broker, linked to
   * the hub by a shovel and federation) or {@code both} (one broker shared with the hub, as with
   * {@code ./lega up} and the tests).
   */
  @WithDefault("node")
  Topology.Side topologySide();

  /**
   * Also run the hub router in this service: move each message of {@code to_node.<name>} to the
   * node queue of its type ({@code ingest}, {@code accession}, {@code mappings}, ...). At least one
   * service per node must; several may (they compete).
   */
  @WithDefault("false")
  boolean routeHubMessages();
}
