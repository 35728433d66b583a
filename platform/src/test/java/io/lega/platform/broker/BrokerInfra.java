package io.lega.platform.broker;

import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.Infrastructure;
import java.time.Duration;

/**
 * Where the tests' broker is: the embedded Qpid broker by default, the machine's RabbitMQ with
 * {@code LEGA_TEST_INFRA=real} (test-support's {@link Infrastructure} decides).
 */
final class BrokerInfra {

  private BrokerInfra() {}

  /**
   * The JVM's shared test broker, started on first use: prefetch 10, 5 attempts, back-off from 1 s
   * to 1 min, confirm timeout 10 s.
   */
  static BrokerSettings settings() {
    return settings(10, 5, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofSeconds(10));
  }

  /** The shared test broker with these consumer and publisher settings. */
  static BrokerSettings settings(
      int prefetch,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration confirmTimeout) {
    AmqpConnection broker = Infrastructure.sharedBroker();
    return new BrokerSettings(
        broker.host(),
        broker.port(),
        broker.username(),
        broker.password(),
        broker.virtualHost(),
        false,
        prefetch,
        maxAttempts,
        initialBackoff,
        maxBackoff,
        confirmTimeout);
  }
}
