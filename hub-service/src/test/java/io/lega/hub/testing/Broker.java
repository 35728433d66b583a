package io.lega.hub.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.lega.contracts.Message;
import io.lega.contracts.MessageCodec;
import io.lega.testsupport.AmqpConnection;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A node as the hub sees it: publishes to the hub's exchange with the plain AMQP client, the way
 * the inbox does (persistent JSON, the file's UUID as correlation id), and reads the quarantine
 * queue and the hub's queue for the node ({@code to_node.<node>}). Connects with the {@code
 * lega.broker.*} settings the test resource gave the application.
 */
public final class Broker implements AutoCloseable {

  public static final String EXCHANGE = "hub";
  public static final String QUARANTINE = "hub.error";

  private final Connection connection;
  private final Channel channel;

  public Broker() throws IOException, TimeoutException {
    Config config = ConfigProvider.getConfig();
    connection =
        new AmqpConnection(
                config.getValue("lega.broker.host", String.class),
                config.getValue("lega.broker.port", Integer.class),
                config.getValue("lega.broker.username", String.class),
                config.getValue("lega.broker.password", String.class),
                config.getValue("lega.broker.virtual-host", String.class))
            .connectionFactory()
            .newConnection("hub-service-test");
    channel = connection.createChannel();
    channel.confirmSelect();
  }

  /** Publishes a protocol message, encoded and validated by the contracts' codec. */
  public void publish(String routingKey, String correlationId, Message message) throws Exception {
    publish(routingKey, correlationId, MessageCodec.shared().encode(message));
  }

  /** Publishes raw bytes and waits for the broker's confirm. */
  public void publish(String routingKey, String correlationId, byte[] body) throws Exception {
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .correlationId(correlationId)
            .build();
    channel.basicPublish(EXCHANGE, routingKey, true, properties, body);
    channel.waitForConfirmsOrDie(10_000);
  }

  /**
   * Takes the quarantined message whose correlation id is {@code correlationId}, if it is there;
   * the others are put back.
   */
  public Optional<GetResponse> quarantined(String correlationId) throws IOException {
    return take(
        QUARANTINE, response -> correlationId.equals(response.getProps().getCorrelationId()));
  }

  /** The queue the hub's messages for {@code node} arrive on. */
  public static String toNode(String node) {
    return "to_node." + node;
  }

  /**
   * Takes (acknowledges) the first message on {@code queue} that {@code wanted} accepts, if there
   * is one; the others are put back.
   */
  public Optional<GetResponse> take(String queue, Predicate<GetResponse> wanted)
      throws IOException {
    GetResponse found = null;
    List<Long> others = new ArrayList<>();
    GetResponse response;
    while ((response = channel.basicGet(queue, false)) != null) {
      long tag = response.getEnvelope().getDeliveryTag();
      if (found == null && wanted.test(response)) {
        channel.basicAck(tag, false);
        found = response;
      } else {
        others.add(tag);
      }
    }
    for (long tag : others) {
      channel.basicNack(tag, false, true);
    }
    return Optional.ofNullable(found);
  }

  /** How many messages on {@code queue} {@code wanted} accepts; all are left there. */
  public int count(String queue, Predicate<GetResponse> wanted) throws IOException {
    int count = 0;
    List<Long> all = new ArrayList<>();
    GetResponse response;
    while ((response = channel.basicGet(queue, false)) != null) {
      all.add(response.getEnvelope().getDeliveryTag());
      if (wanted.test(response)) {
        count++;
      }
    }
    for (long tag : all) {
      channel.basicNack(tag, false, true);
    }
    return count;
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
