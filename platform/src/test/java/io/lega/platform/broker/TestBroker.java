package io.lega.platform.broker;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

/**
 * A broker for one test: a connection, a publisher, an admin channel, and queues with unique names
 * that are deleted afterwards (the real RabbitMQ may be shared with other test runs).
 */
final class TestBroker implements AutoCloseable {

  /** Fast retries for tests: 3 attempts, 100 ms then 200 ms, confirm within 5 s. */
  static BrokerSettings settings() {
    return BrokerInfra.settings(
        10, 3, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
  }

  final BrokerSettings settings;
  final BrokerConnection connection;
  final Publisher publisher;
  private final List<String> queues = new ArrayList<>();
  private final List<String> exchanges = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private Channel admin;

  TestBroker() {
    this(settings());
  }

  TestBroker(BrokerSettings settings) {
    this.settings = settings;
    this.connection = new BrokerConnection(settings, "platform-test");
    this.publisher = new Publisher(connection);
  }

  /** A unique name, e.g. {@code test.work.1a2b3c4d}. */
  static String unique(String prefix) {
    return "test." + prefix + "." + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Declares a durable queue without arguments, deleted when the test ends. */
  String queue(String prefix) throws IOException {
    String name = unique(prefix);
    admin().queueDeclare(name, true, false, false, null);
    queues.add(name);
    return name;
  }

  /** Declares a topic exchange, deleted when the test ends. */
  String exchange(String prefix) throws IOException {
    String name = unique(prefix);
    admin().exchangeDeclare(name, "topic", true, false, false, null);
    exchanges.add(name);
    return name;
  }

  /** Deletes this queue when the test ends. */
  void deleteLater(String queue) {
    queues.add(queue);
  }

  /** Deletes this exchange when the test ends. */
  void deleteExchangeLater(String exchange) {
    exchanges.add(exchange);
  }

  /** Closes this when the test ends (before the queues are deleted). */
  <C extends AutoCloseable> C closeLater(C closeable) {
    closeables.add(closeable);
    return closeable;
  }

  /** Ready messages in the queue (not counting unacknowledged ones). */
  long ready(String queue) throws IOException {
    return admin().queueDeclarePassive(queue).getMessageCount();
  }

  /** Takes one message from the queue (auto-ack), or null. */
  GetResponse get(String queue) throws IOException {
    return admin().basicGet(queue, true);
  }

  Channel admin() {
    if (admin == null || !admin.isOpen()) {
      admin = connection.openChannel();
    }
    return admin;
  }

  /** Publishes raw bytes with the test's publisher to the default exchange. */
  String send(String queue, String body, String correlationId) {
    return publisher.publish(
        "",
        queue,
        OutgoingMessage.of(body.getBytes(java.nio.charset.StandardCharsets.UTF_8), correlationId));
  }

  @Override
  public void close() throws IOException, TimeoutException {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        // keep cleaning up
      }
    }
    try {
      for (String queue : queues) {
        try {
          admin().queueDelete(queue);
        } catch (IOException e) {
          // already gone (Qpid answers 404 and closes the admin channel)
        }
      }
      for (String exchange : exchanges) {
        try {
          admin().exchangeDelete(exchange);
        } catch (IOException e) {
          // already gone
        }
      }
    } finally {
      publisher.close();
      connection.close();
    }
  }
}
