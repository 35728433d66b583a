package io.lega.testsupport;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
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
 * A test's own AMQP client for a LEGA node's broker (plain amqp-client, no automatic recovery).
 *
 * <ul>
 *   <li>Publishes as the hub router does (to the node exchange {@value #NODE_EXCHANGE}, the message
 *       type as routing key), or on any exchange (as the hub does: exchange {@value #HUB_EXCHANGE},
 *       routing key {@code to_node.<node>}).
 *   <li>Sees what the node sends to the hub through a server-named, exclusive queue of its own,
 *       bound on the {@value #HUB_EXCHANGE} exchange to the routing keys given at construction
 *       (e.g. {@code files.verified}, {@code files.error}).
 *   <li>Takes messages from the node's own queues, e.g. {@code archived} or the quarantine queue
 *       {@code error}, leaving those that do not match for whoever else looks for them.
 * </ul>
 */
public final class NodeBus implements AutoCloseable {

  /** The node's exchange, on which the hub router publishes each message by its type. */
  public static final String NODE_EXCHANGE = "lega";

  /** The exchange on which the node sends to the hub (and the hub to the node). */
  public static final String HUB_EXCHANGE = "hub";

  private static final long POLL_MILLIS = 50;

  /**
   * One message taken from a queue.
   *
   * @param routingKey the routing key it was published with
   * @param properties its AMQP properties
   * @param body its body
   */
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

  /**
   * Connects and binds a queue of its own to the messages the node sends to the hub.
   *
   * @param broker the node's broker
   * @param clientName the connection's name, as the broker shows it (e.g. {@code verify-test})
   * @param hubRoutingKeys the routing keys on the {@value #HUB_EXCHANGE} exchange to see, e.g.
   *     {@code files.verified} and {@code files.error}
   * @throws IOException if the broker cannot be reached or refuses the declarations
   * @throws TimeoutException if the connection times out
   */
  public NodeBus(AmqpConnection broker, String clientName, String... hubRoutingKeys)
      throws IOException, TimeoutException {
    connection = broker.connectionFactory().newConnection(clientName);
    try {
      channel = connection.createChannel();
      hubQueue = channel.queueDeclare("", false, true, true, null).getQueue();
      for (String routingKey : hubRoutingKeys) {
        channel.queueBind(hubQueue, HUB_EXCHANGE, routingKey);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Publishes a body on the node exchange {@value #NODE_EXCHANGE}, as the hub router does.
   *
   * @param routingKey the message type, e.g. {@code ingest} or {@code accession}
   * @param body the body (JSON, or anything for a malformed message)
   * @param correlationId the correlation id (its {@code toString()}), or {@code null} for none
   */
  public void publish(String routingKey, String body, Object correlationId) throws IOException {
    publish(NODE_EXCHANGE, routingKey, body, correlationId);
  }

  /**
   * Publishes a persistent JSON message on an exchange.
   *
   * @param exchange the exchange, e.g. {@value #HUB_EXCHANGE} or {@value #NODE_EXCHANGE}
   * @param routingKey the routing key
   * @param body the body (JSON, or anything for a malformed message)
   * @param correlationId the correlation id (its {@code toString()}), or {@code null} for none
   */
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

  /**
   * The next message to the hub with this routing key and correlation id; the others seen while
   * waiting are kept for later calls.
   *
   * @throws AssertionError if none arrives within {@code timeout}
   */
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
      if (pollHub()) {
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
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** Every message to the hub seen so far or arriving within {@code wait}, not taken before. */
  public List<Received> toHubWithin(Duration wait) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      if (!pollHub()) {
        Thread.sleep(POLL_MILLIS);
      }
    }
    return List.copyOf(fromHub);
  }

  /**
   * Every message to the hub with this correlation id seen so far or arriving within {@code wait},
   * not taken before.
   */
  public List<Received> toHubWithin(Object correlationId, Duration wait)
      throws IOException, InterruptedException {
    return toHubWithin(wait).stream().filter(m -> m.about(correlationId)).toList();
  }

  /**
   * The next message of a node queue that matches, acknowledged. The queue may be shared (the real
   * broker's default virtual host): messages that do not match are held unacknowledged while
   * searching and then given back to the queue, untouched, for whoever else looks for them.
   *
   * @param queue the node queue, e.g. {@code archived} or the quarantine queue {@code error}
   * @throws AssertionError if none matches within {@code timeout}
   */
  public Received take(String queue, Predicate<Received> matching, Duration timeout)
      throws IOException, InterruptedException {
    List<Received> others = new ArrayList<>();
    List<Received> found = take(queue, matching, timeout, 1, others);
    if (found.isEmpty()) {
      throw new AssertionError(
          "no matching message in " + queue + " within " + timeout + "; saw " + describe(others));
    }
    return found.get(0);
  }

  /**
   * Every matching message of a node queue arriving within {@code wait}, acknowledged; the others
   * are given back to the queue, as by {@link #take}.
   */
  public List<Received> takeAll(String queue, Predicate<Received> matching, Duration wait)
      throws IOException, InterruptedException {
    return take(queue, matching, wait, Integer.MAX_VALUE, new ArrayList<>());
  }

  private List<Received> take(
      String queue, Predicate<Received> matching, Duration wait, int enough, List<Received> others)
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
            others.add(received);
          }
          continue;
        }
        if (System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(POLL_MILLIS);
      }
      return found;
    } finally {
      for (long tag : held) {
        channel.basicNack(tag, false, true);
      }
    }
  }

  /** Moves one message of the hub queue, if any, to {@link #fromHub}; whether there was one. */
  private boolean pollHub() throws IOException {
    GetResponse response = channel.basicGet(hubQueue, true);
    if (response == null) {
      return false;
    }
    fromHub.add(received(response));
    return true;
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

  /** Closes the connection (and so the queue of its own); a closed one is left as it is. */
  @Override
  public void close() throws IOException {
    try {
      connection.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
