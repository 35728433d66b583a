package io.lega.testsupport.quarkus;

import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.Backend;
import io.lega.testsupport.ConfigKeys;
import io.lega.testsupport.Infrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * An AMQP 0-9-1 broker for a {@code @QuarkusTest}: embedded Qpid Broker-J, or the real RabbitMQ, as
 * {@code LEGA_TEST_INFRA} says.
 *
 * <p>Returns {@code lega.broker.host}, {@code lega.broker.port}, {@code lega.broker.username},
 * {@code lega.broker.password} and {@code lega.broker.virtual-host}.
 *
 * <p>Init argument {@code shared} (default {@code true}): one broker per JVM, kept across test
 * classes and profiles; {@code false}: a broker (or virtual host) of its own.
 */
public class AmqpBrokerResource implements QuarkusTestResourceLifecycleManager {

  private boolean shared = true;
  private Backend<AmqpConnection> own;

  @Override
  public void init(Map<String, String> initArgs) {
    shared = Resources.shared(initArgs);
  }

  @Override
  public Map<String, String> start() {
    AmqpConnection amqp;
    if (shared) {
      amqp = Infrastructure.sharedBroker();
    } else {
      own = Infrastructure.startBroker();
      amqp = own.connection();
    }
    return ConfigKeys.broker(amqp);
  }

  @Override
  public void stop() {
    if (own != null) {
      own.close();
      own = null;
    }
  }
}
