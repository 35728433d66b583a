package io.lega.testsupport.real;

import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.Backend;
import io.lega.testsupport.Net;
import io.lega.testsupport.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A real RabbitMQ on this machine, with a fresh virtual host per run when its management API
 * answers, else its default virtual host {@code /}.
 *
 * <p>Settings (environment variables, or the system properties named like {@code
 * lega-test.amqp.host}):
 *
 * <ul>
 *   <li>{@code LEGA_TEST_AMQP_HOST} (127.0.0.1), {@code LEGA_TEST_AMQP_PORT} (5672), {@code
 *       LEGA_TEST_AMQP_USER} (guest), {@code LEGA_TEST_AMQP_PASSWORD} (guest);
 *   <li>{@code LEGA_TEST_AMQP_VHOST}: use this existing virtual host as it is;
 *   <li>{@code LEGA_TEST_AMQP_MANAGEMENT_URL} (http://127.0.0.1:15672, the {@code
 *       rabbitmq_management} plugin): where to create and delete the fresh virtual host; {@code
 *       none} turns that off.
 * </ul>
 */
public final class RealRabbitMq implements Backend<AmqpConnection> {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final System.Logger LOG = System.getLogger(RealRabbitMq.class.getName());

  private final AmqpConnection connection;
  private final Management management;
  private boolean closed;

  private RealRabbitMq(AmqpConnection connection, Management management) {
    this.connection = connection;
    this.management = management;
  }

  /** Connects as the settings say, creating a fresh virtual host if the management API answers. */
  public static RealRabbitMq start() {
    String host = Settings.get("LEGA_TEST_AMQP_HOST", "127.0.0.1");
    int port = Settings.getInt("LEGA_TEST_AMQP_PORT", 5672);
    String user = Settings.get("LEGA_TEST_AMQP_USER", "guest");
    String password = Settings.get("LEGA_TEST_AMQP_PASSWORD", "guest");
    if (!Net.isListening(host, port)) {
      throw new IllegalStateException(
          "LEGA_TEST_INFRA=real but no AMQP broker accepts connections at "
              + host
              + ":"
              + port
              + " (see LEGA_TEST_AMQP_HOST / LEGA_TEST_AMQP_PORT)");
    }
    Optional<String> vhost = Settings.get("LEGA_TEST_AMQP_VHOST");
    if (vhost.isPresent()) {
      return new RealRabbitMq(new AmqpConnection(host, port, user, password, vhost.get()), null);
    }
    String managementUrl =
        Settings.get("LEGA_TEST_AMQP_MANAGEMENT_URL", "http://" + host + ":15672");
    if (!"none".equalsIgnoreCase(managementUrl)) {
      Management management = new Management(URI.create(managementUrl), user, password);
      if (management.available()) {
        String name = "lega_test_" + HexFormat.of().formatHex(randomBytes(6));
        management.createVirtualHost(name, user);
        LOG.log(
            System.Logger.Level.INFO,
            "RabbitMQ at {0}:{1}: fresh virtual host {2}",
            host,
            String.valueOf(port),
            name);
        return new RealRabbitMq(new AmqpConnection(host, port, user, password, name), management);
      }
    }
    LOG.log(
        System.Logger.Level.INFO,
        "RabbitMQ at {0}:{1}: no management API at {2}, using the default virtual host /",
        host,
        String.valueOf(port),
        managementUrl);
    return new RealRabbitMq(new AmqpConnection(host, port, user, password, "/"), null);
  }

  @Override
  public AmqpConnection connection() {
    return connection;
  }

  /** Deletes the virtual host made for this run, with everything in it. */
  @Override
  public synchronized void close() {
    if (closed || management == null) {
      return;
    }
    closed = true;
    management.deleteVirtualHost(connection.virtualHost());
    LOG.log(System.Logger.Level.INFO, "deleted virtual host {0}", connection.virtualHost());
  }

  /** Whether this run has its own virtual host. */
  public boolean hasOwnVirtualHost() {
    return management != null;
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** The few calls of the RabbitMQ management HTTP API needed here. */
  static final class Management {
    private final URI base;
    private final String authorization;
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Management(URI base, String user, String password) {
      this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
      this.authorization =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    boolean available() {
      try {
        return send("GET", "api/overview", null).statusCode() == 200;
      } catch (IllegalStateException e) {
        return false;
      }
    }

    void createVirtualHost(String name, String user) {
      expect(send("PUT", "api/vhosts/" + name, "{}"), "create virtual host " + name);
      expect(
          send(
              "PUT",
              "api/permissions/" + name + "/" + user,
              "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}"),
          "grant " + user + " on " + name);
    }

    void deleteVirtualHost(String name) {
      HttpResponse<String> r = send("DELETE", "api/vhosts/" + name, null);
      if (r.statusCode() != 404) {
        expect(r, "delete virtual host " + name);
      }
    }

    private static void expect(HttpResponse<String> r, String what) {
      if (r.statusCode() / 100 != 2) {
        throw new IllegalStateException(
            "RabbitMQ management: could not " + what + ": " + r.statusCode() + " " + r.body());
      }
    }

    private HttpResponse<String> send(String method, String path, String json) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(10))
              .header("Authorization", authorization);
      if (json != null) {
        b.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json));
      } else {
        b.method(method, HttpRequest.BodyPublishers.noBody());
      }
      try {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IllegalStateException("RabbitMQ management API at " + base + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
