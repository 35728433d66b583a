package io.lega.node.worker;

import io.lega.platform.broker.BrokerSettings;
import io.lega.platform.broker.Topology;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The broker keys of a node worker, {@code lega.broker.*}: a config group that each node service's
 * mapping includes as {@code broker()}.
 */
public interface BrokerGroup {

  /** Broker host name or address. */
  @WithDefault("localhost")
  String host();

  /** AMQP port (5672; usually 5671 with TLS). */
  @WithDefault("5672")
  int port();

  /** User to log in as. */
  @WithDefault("guest")
  String username();

  /** Its password. Never logged. */
  @WithDefault("guest")
  String password();

  /** Virtual host. */
  @WithDefault("/")
  String virtualHost();

  /** Connect with TLS, checking the broker's certificate against the JVM's trust store. */
  @WithDefault("false")
  boolean tls();

  /** Messages handled at once per queue (and unacknowledged messages the broker hands over). */
  @WithDefault("4")
  int prefetch();

  /**
   * Attempts at a message that fails with a system error, the first included, before it is parked
   * in the node's quarantine queue {@code error}.
   */
  @WithDefault("5")
  int maxAttempts();

  /** Delay before the first retry of a failed message, and the first reconnection; doubles. */
  @WithDefault("PT1S")
  Duration initialBackoff();

  /** Longest delay between two retries or two reconnection attempts. */
  @WithDefault("PT1M")
  Duration maxBackoff();

  /** How long a publish waits for the broker's confirm. */
  @WithDefault("PT10S")
  Duration confirmTimeout();

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

  /** The settings these keys describe; invalid values throw {@link IllegalArgumentException}. */
  static BrokerSettings settings(BrokerGroup group) {
    return BrokerSettings.of(group.host(), group.port(), group.username(), group.password())
        .withVirtualHost(group.virtualHost())
        .withTls(group.tls())
        .withPrefetch(group.prefetch())
        .withRetry(group.maxAttempts(), group.initialBackoff(), group.maxBackoff())
        .withConfirmTimeout(group.confirmTimeout());
  }
}
