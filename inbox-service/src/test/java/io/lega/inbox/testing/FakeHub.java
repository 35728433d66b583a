package io.lega.inbox.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * The hub's user directory, as much as the inbox uses: {@code GET /api/users/{username}} with a
 * bearer token, answering the JSON the real hub-service answers.
 */
public final class FakeHub implements AutoCloseable {

  private final String token;
  private final HttpServer server;
  private final Map<String, Map<String, Object>> users = new ConcurrentHashMap<>();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile boolean failing;

  public FakeHub(String token) {
    this.token = token;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/api/users/",
        exchange -> {
          requests.incrementAndGet();
          int status;
          byte[] body = new byte[0];
          String name = exchange.getRequestURI().getPath().substring("/api/users/".length());
          Map<String, Object> user = users.get(name);
          if (failing) {
            status = 503;
          } else if (!("Bearer " + token)
              .equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
          } else if (user == null) {
            status = 404;
          } else {
            status = 200;
            body = new ObjectMapper().writeValueAsBytes(user);
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * Adds or replaces a user. {@code password} is stored as a bcrypt hash, {@code null} for none.
   */
  public void putUser(
      String username,
      boolean enabled,
      String password,
      List<String> sshPublicKeys,
      List<String> roles) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("username", username);
    user.put("enabled", enabled);
    user.put("password_hash", password == null ? null : bcrypt(password));
    user.put("ssh_public_keys", sshPublicKeys);
    user.put("roles", roles);
    users.put(username, user);
  }

  public void removeUser(String username) {
    users.remove(username);
  }

  /** While set, every request gets HTTP 503 (a hub restarting). */
  public void setFailing(boolean failing) {
    this.failing = failing;
  }

  public int requests() {
    return requests.get();
  }

  static String bcrypt(String password) {
    byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);
    return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, 4);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
