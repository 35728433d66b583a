package io.lega.ingest.testing;

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
 * The test's own AMQP client (plain amqp-client): publishes as the hub does ({@code hub} exchange,
 * {@code to_node.<node>}) or as the hub router does ({@code lega} exchange, the type as routing
 * key); sees what the node sends to the hub ({@code files.error}) through a server-named queue of
 * its own; and takes messages from the node's queues {@code archived} (no verify service runs in
 * these tests) and {@code error} (quarantine).
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
    connection = factory.newConnection("ingest-test");
    channel = connection.createChannel();
    hubQueue = channel.queueDeclare("", false, true, true, null).getQueue();
    channel.queueBind(hubQueue, "hub", "files.error");
    channel.queueBind(hubQueue, "hub", "files.verified");
  }

  /** Publishes a body on an exchange; {@code correlationId} may be null. */
  public void publish(String exchange, String routingKey, String body, Object correlationId)
      throws IOException {
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder()
            .contentType("application/json")
            .deliveryMode(2)
            .correlationId(correlationId == null ? null : correlationId.toString())
            .build();
    channel.basicPublish(exchange, routingKey, properties, body.getBytes(StandardCharsets.UTF_8));
  }

  /** The next message to the hub with this routing key and correlation id. */
  public Received toHub(String routingKey, Object correlationId, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (int i = 0; i < fromHub.size(); i++) {
        Received m = fromHub.get(i);
        if (m.routingKey().equals(routingKey) && m.about(correlationId)) {
          return fromHub.remove(i);
        }
      }
      GetResponse response = channel.basicGet(hubQueue, true);
      if (response != null) {
        fromHub.add(received(response));
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no "
                + routingKey
                + " for "
                + correlationId
                + " within "
                + timeout
                + "; saw "
                + describe(fromHub));
      }
      Thread.sleep(50);
    }
  }

  /** Every message to the hub about this file arriving within {@code wait}, not taken before. */
  public List<Received> toHubWithin(Object correlationId, Duration wait)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      GetResponse response = channel.basicGet(hubQueue, true);
      if (response != null) {
        fromHub.add(received(response));
      } else {
        Thread.sleep(50);
      }
    }
    return fromHub.stream().filter(m -> m.about(correlationId)).toList();
  }

  /**
   * The next message of a node queue that matches. The queue may be shared: messages that do not
   * match are held unacknowledged while searching and then given back to the queue, untouched.
   */
  public Received take(String queue, Predicate<Received> matching, Duration timeout)
      throws IOException, InterruptedException {
    List<Received> found = takeAll(queue, matching, timeout, 1);
    if (found.isEmpty()) {
      throw new AssertionError("no matching message in " + queue + " within " + timeout);
    }
    return found.get(0);
  }

  /** Every matching message of a node queue arriving within {@code wait}. */
  public List<Received> takeAll(String queue, Predicate<Received> matching, Duration wait)
      throws IOException, InterruptedException {
    return takeAll(queue, matching, wait, Integer.MAX_VALUE);
  }

  private List<Received> takeAll(
      String queue, Predicate<Received> matching, Duration wait, int enough)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    List<Long> held = new ArrayList<>();
    List<Received> found = new ArrayList<>();
    try {
      while (found.size() < enough) {
        GetResponse response = channel.basicGet(queue, false);
        if (response != null) {
          Received received = received(response);
          if (matching.test(received)) {
            channel.basicAck(response.getEnvelope().getDeliveryTag(), false);
            found.add(received);
          } else {
            held.add(response.getEnvelope().getDeliveryTag());
          }
          continue;
        }
        if (System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(50);
      }
      return found;
    } finally {
      for (long tag : held) {
        channel.basicNack(tag, false, true);
      }
    }
  }

  private static Received received(GetResponse response) {
    return new Received(
        response.getEnvelope().getRoutingKey(), response.getProps(), response.getBody());
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
