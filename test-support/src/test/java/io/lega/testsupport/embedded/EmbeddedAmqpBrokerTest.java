package io.lega.testsupport.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.ConnectionFactory;
import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.Checks;
import io.lega.testsupport.Net;
import org.junit.jupiter.api.Test;

class EmbeddedAmqpBrokerTest {

  @Test
  void startsServesTheRabbitMqClientAndStops() throws Exception {
    AmqpConnection amqp;
    try (EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start()) {
      amqp = broker.connection();
      assertThat(amqp.host()).isEqualTo("127.0.0.1");
      assertThat(amqp.port()).isPositive();
      assertThat(amqp.virtualHost()).isEqualTo("/");
      assertThat(amqp.uri()).isEqualTo("amqp://guest:guest@127.0.0.1:" + amqp.port() + "/%2F");

      // "/" (the RabbitMQ client's default) and the node's own name reach the same virtual host
      Checks.amqpRoundTrip(amqp);
      Checks.amqpRoundTrip(
          new AmqpConnection(
              amqp.host(),
              amqp.port(),
              amqp.username(),
              amqp.password(),
              EmbeddedAmqpBroker.VIRTUAL_HOST_NODE));

      ConnectionFactory wrongPassword = new ConnectionFactory();
      wrongPassword.setHost(amqp.host());
      wrongPassword.setPort(amqp.port());
      wrongPassword.setUsername("guest");
      wrongPassword.setPassword("not-the-password");
      assertThatThrownBy(() -> wrongPassword.newConnection().close()).isNotNull();
    }
    assertThat(Net.isListening(amqp.host(), amqp.port())).isFalse();
  }

  @Test
  void takesOtherCredentials() throws Exception {
    try (EmbeddedAmqpBroker broker =
        EmbeddedAmqpBroker.builder().credentials("lega", "s3cret").start()) {
      assertThat(broker.connection().username()).isEqualTo("lega");
      Checks.amqpRoundTrip(broker.connection());
    }
  }
}
