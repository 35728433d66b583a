package io.lega.testsupport;

import com.rabbitmq.client.ConnectionFactory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * How to reach an AMQP 0-9-1 broker.
 *
 * @param host host name or address
 * @param port TCP port (plain AMQP, no TLS)
 * @param username user name
 * @param password password
 * @param virtualHost virtual host as the RabbitMQ client names it ({@code "/"} is the default one)
 */
public record AmqpConnection(
    String host, int port, String username, String password, String virtualHost) {

  /** An {@code amqp://} URI, the virtual host percent-encoded ({@code "/"} becomes {@code %2F}). */
  public String uri() {
    return "amqp://"
        + enc(username)
        + ":"
        + enc(password)
        + "@"
        + host
        + ":"
        + port
        + "/"
        + enc(virtualHost);
  }

  /**
   * A RabbitMQ client's connection factory for this broker, with automatic recovery off: a test
   * wants to see a lost connection, not have it hidden.
   */
  public ConnectionFactory connectionFactory() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost(host);
    factory.setPort(port);
    factory.setUsername(username);
    factory.setPassword(password);
    factory.setVirtualHost(virtualHost);
    factory.setAutomaticRecoveryEnabled(false);
    return factory;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Map<String, String> toMap() {
    return Map.of(
        "host",
        host,
        "port",
        Integer.toString(port),
        "username",
        username,
        "password",
        password,
        "virtualHost",
        virtualHost);
  }

  static AmqpConnection fromMap(Map<String, String> m) {
    return new AmqpConnection(
        m.get("host"),
        Integer.parseInt(m.get("port")),
        m.get("username"),
        m.get("password"),
        m.get("virtualHost"));
  }
}
