package io.lega.platform.broker;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The broker keys every service shares, as a config group: a service's {@code @ConfigMapping}
 * includes it (or an interface extending it) as {@code broker()}, so the keys are {@code
 * lega.broker.*} in the node's workers, {@code lega.hub.broker.*} in the hub and {@code
 * lega.inbox.broker.*} in the inbox. The hub's and the inbox's groups extend {@link
 * FallbackBrokerConfig}, whose defaults fall back to {@code lega.broker.<key>} first.
 */
public interface BrokerConfig {

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

  /**
   * Messages handled at once per queue (and unacknowledged messages the broker hands over). Unused
   * by a service that only publishes (the inbox).
   */
  @WithDefault("4")
  int prefetch();

  /**
   * Attempts at a message that fails with a system error, the first included, before it is parked
   * in the quarantine queue ({@code error} on a node, {@code hub.error} at the hub). Unused by a
   * service that only publishes.
   */
  @WithDefault("5")
  int maxAttempts();

  /** Delay before the first retry of a failed message, and the first reconnection; doubles. */
  @WithDefault("PT1S")
  Duration initialBackoff();

  /** Longest delay between two retries or two reconnection attempts. */
  @WithDefault("PT1M")
  Duration maxBackoff();

  /**
   * How long a publish (a message, or a retry or quarantine copy) waits for the broker's confirm.
   * In the inbox this runs while the SFTP client waits for its close: past it the upload (or
   * rename, removal) is reported to the client as failed.
   */
  @WithDefault("PT10S")
  Duration confirmTimeout();

  /** The settings these keys describe; invalid values throw {@link IllegalArgumentException}. */
  default BrokerSettings settings() {
    return new BrokerSettings(
        host(),
        port(),
        username(),
        password(),
        virtualHost(),
        tls(),
        prefetch(),
        maxAttempts(),
        initialBackoff(),
        maxBackoff(),
        confirmTimeout());
  }
}
