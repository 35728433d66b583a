package io.lega.platform.broker;

import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.Infrastructure;

/**
 * Where the tests' broker is: the embedded Qpid broker by default, the machine's RabbitMQ with
 * {@code LEGA_TEST_INFRA=real} (test-support's {@link Infrastructure} decides).
 */
final class BrokerInfra {

  private BrokerInfra() {}

  /** The JVM's shared test broker, started on first use. */
  static BrokerSettings settings() {
    AmqpConnection broker = Infrastructure.sharedBroker();
    return BrokerSettings.of(broker.host(), broker.port(), broker.username(), broker.password())
        .withVirtualHost(broker.virtualHost());
  }
}
