package io.lega.verify.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.lega.node.worker.BrokerGroup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The test's own AMQP client (plain amqp-client): publishes as the hub router does (to the node
 * exchange {@code lega} with the message type as routing key), sees what the node sends to the hub
 * ({@code files.verified}, {@code files.error}) through a server-named queue of its own, and reads
 * the node's quarantine queue {@code error}.
 */
public final class NodeBus implements AutoCloseable {

  /** One message taken from a queue. */
  public record Received(String routingKey, AMQP.BasicProperties properties, byte[] body) {

    /** The body as text. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** A header as text, or {@code null}. */
    public String header(String name) {
      Map<String, Object> headers = properties.getHeaders();
      Object value = headers == null ? null : headers.get(name);
      return value == null ? null : value.toString();
    }

    /** Whether the correlation id is this one. */
    public boolean about(Object correlationId) {
      return Objects.equals(properties.getCorrelationId(), String.valueOf(correlationId));
    }
  }

  private final Connection connection;
  private final Channel channel;
  private final String hubQueue;
  private final List<Received> fromHub = new ArrayList<>();

  public NodeBus(BrokerGroup broker) throws IOException, TimeoutException {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(broker.host());
    factory.setPort(broker.port());
    factory.setUsername(broker.username());
    factory.setPassword(broker.password());
    factory.setVirtualHost(broker.virtualHost());
    factory.setAutomaticRecoveryEnabled(false);
    connection = factory.newConnection("verify-test");
    channel = connection.createChannel();
    hubQueue = channel.queueDeclare("", false, true, true, null).getQueue();
    channel.queueBind(hubQueue, "hub", "files.verified");
    channel.queueBind(hubQueue, "hub", "files.error");
  }

  /** Publishes a body on the node exchange, as the hub router does; {@code cid} may be null. */
  public void publish(String routingKey, String body, Object correlationId) throws IOException {
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .correlationId(correlationId == null ? null : correlationId.toString())
            .build();
    channel.basicPublish("lega", routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The next message to the hub with this routing key and correlation id. */
  public Received toHub(String routingKey, Object correlationId, Duration timeout)
      throws IOException, InterruptedException {
    return next(
        hubQueue,
        fromHub,
        m -> m.routingKey().equals(routingKey) && m.about(correlationId),
        timeout);
  }

  /**
   * The next quarantined message that matches. The quarantine queue may be shared (the real
   * broker's default virtual host): messages that do not match are held unacknowledged while
   * searching and then given back to the queue, untouched, for whoever else looks for them.
   */
  public Received quarantined(Predicate<Received> matching, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Long> held = new ArrayList<>();
    List<Received> others = new ArrayList<>();
    try {
      while (true) {
        GetResponse response = channel.basicGet("error", false);
        if (response != null) {
          Received received =
              new Received(
                  response.getEnvelope().getRoutingKey(), response.getProps(), response.getBody());
          if (matching.test(received)) {
            channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
            return received;
          }
          held.add(response.getEnvelope().getDeliveryTag());
          others.add(received);
          continue;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "no matching message in error within " + timeout + "; saw " + describe(others));
        }
        Thread.sleep(50);
      }
    } finally {
      for (long tag : held) {
        channel.basicNack(tag, false, true);
      }
    }
  }

  /** Every message to the hub seen so far or arriving within {@code wait}, not taken before. */
  public List<Received> toHubWithin(Duration wait) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      if (!poll(hubQueue, fromHub)) {
        Thread.sleep(50);
      }
    }
    return List.copyOf(fromHub);
  }

  private Received next(
      String queue, List<Received> seen, Predicate<Received> matching, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (int i = 0; i < seen.size(); i++) {
        if (matching.test(seen.get(i))) {
          return seen.remove(i);
        }
      }
      if (poll(queue, seen)) {
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no matching message on " + queue + " within " + timeout + "; saw " + describe(seen));
      }
      Thread.sleep(50);
    }
  }

  private boolean poll(String queue, List<Received> seen) throws IOException {
    GetResponse response = channel.basicGet(queue, true);
    if (response == null) {
      return false;
    }
    seen.add(
        new Received(
            response.getEnvelope().getRoutingKey(), response.getProps(), response.getBody()));
    return true;
  }

  private static String describe(List<Received> seen) {
    List<String> lines = new ArrayList<>();
    for (Received m : seen) {
      lines.add(m.routingKey() + " " + m.properties().getCorrelationId() + " " + m.text());
    }
    return lines.toString();
  }

  @Override
  public void close() throws IOException {
    try {
      connection.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
