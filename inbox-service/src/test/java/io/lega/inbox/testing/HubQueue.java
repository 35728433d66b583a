package io.lega.inbox.testing;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.lega.testsupport.AmqpConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A queue of the test's own, bound to the hub's exchange with {@code files.inbox} and {@code
 * files.error}: sees what the inbox publishes to the hub. Server-named, exclusive, deleted with the
 * connection. Plain amqp-client, nothing from the application.
 */
public final class HubQueue implements AutoCloseable {

  /** One message as the hub would get it. */
  public record Received(
      String exchange, String routingKey, AMQP.BasicProperties properties, byte[] body) {}

  private final Connection connection;
  private final Channel channel;
  private final String queue;
  private final List<Received> seen = new ArrayList<>();

  public HubQueue(
      String host, int port, String username, String password, String virtualHost, String exchange)
      throws IOException, TimeoutException {
    connection =
        new AmqpConnection(host, port, username, password, virtualHost)
            .connectionFactory()
            .newConnection("inbox-test-hub-queue");
    channel = connection.createChannel();
    queue = channel.queueDeclare("", false, true, true, null).getQueue();
    channel.queueBind(queue, exchange, "files.inbox");
    channel.queueBind(queue, exchange, "files.error");
  }

  /** The next message (in order) that matches, waiting up to {@code timeout}. */
  public Received next(Predicate<Received> matching, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (int i = 0; i < seen.size(); i++) {
        if (matching.test(seen.get(i))) {
          return seen.remove(i);
        }
      }
      GetResponse response = channel.basicGet(queue, true);
      if (response != null) {
        seen.add(
            new Received(
                response.getEnvelope().getExchange(),
                response.getEnvelope().getRoutingKey(),
                response.getProps(),
                response.getBody()));
        continue;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no matching message within " + timeout + "; saw " + seen);
      }
      Thread.sleep(50);
    }
  }

  /** Every message that arrives within {@code wait}, and those seen before and not taken. */
  public List<Received> drain(Duration wait) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      GetResponse response = channel.basicGet(queue, true);
      if (response == null) {
        Thread.sleep(50);
        continue;
      }
      seen.add(
          new Received(
              response.getEnvelope().getExchange(),
              response.getEnvelope().getRoutingKey(),
              response.getProps(),
              response.getBody()));
    }
    List<Received> all = List.copyOf(seen);
    seen.clear();
    return all;
  }

  /** Empties a queue of the application's topology (what the tests left in it). */
  public void purge(String name) throws IOException {
    channel.queuePurge(name);
  }

  @Override
  public void close() throws IOException {
    connection.close();
  }
}
