package io.lega.download.auth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on loopback that serves documents (JWKS) and counts requests per path. */
public final class JwksServer implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, String> documents = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

  public JwksServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
          String document = documents.get(path);
          byte[] body =
              (document == null ? "not found" : document).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(document == null ? 404 : 200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
  }

  /** Serves {@code document} at {@code path} from now on. */
  public void publish(String path, String document) {
    documents.put(path, document);
  }

  /** The absolute URL of {@code path}. */
  public URI url(String path) {
    return URI.create(
        "http://"
            + server.getAddress().getHostString()
            + ":"
            + server.getAddress().getPort()
            + path);
  }

  /** How many requests {@code path} has received. */
  public int requests(String path) {
    AtomicInteger count = requests.get(path);
    return count == null ? 0 : count.get();
  }

  /** How many requests any path has received. */
  public int allRequests() {
    return requests.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
