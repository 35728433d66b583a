import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The hub's user directory as much as the inbox benchmark needs: {@code GET /api/users/{user}}
 * with the bearer token answers one enabled submitter with one public key and no password.
 *
 * <pre>java BenchHub.java PORT_FILE TOKEN USERNAME PUBLIC_KEY_FILE</pre>
 *
 * Listens on a free loopback port and writes it to PORT_FILE once it listens; runs until killed.
 */
public final class BenchHub {

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: java BenchHub.java PORT_FILE TOKEN USERNAME PUBLIC_KEY_FILE");
      System.exit(2);
    }
    Path portFile = Path.of(args[0]);
    String token = args[1];
    String username = args[2];
    String key = Files.readString(Path.of(args[3])).strip();
    byte[] user =
        ("{\"username\":"
                + quote(username)
                + ",\"enabled\":true,\"password_hash\":null,\"ssh_public_keys\":["
                + quote(key)
                + "],\"roles\":[\"submitter\"]}")
            .getBytes(StandardCharsets.UTF_8);

    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/users/",
        exchange -> {
          String name = exchange.getRequestURI().getPath().substring("/api/users/".length());
          int status;
          byte[] body = new byte[0];
          if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            status = 401;
          } else if (!name.equals(username)) {
            status = 404;
          } else {
            status = 200;
            body = user;
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
    Path tmp = Files.createTempFile(portFile.toAbsolutePath().getParent(), ".port", ".tmp");
    Files.writeString(tmp, Integer.toString(server.getAddress().getPort()));
    Files.move(tmp, portFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
