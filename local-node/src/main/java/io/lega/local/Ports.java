package io.lega.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The ports a local node listens on: the hub's HTTP API, the inbox's SFTP server, the inbox's HTTP
 * (health) port and the download API. A port given as 0 is picked free; the pipeline workers' HTTP
 * ports are always picked free ({@link #free()}).
 *
 * <p>A free port is drawn below Linux's ephemeral range (32768-60999), not from the kernel's {@code
 * bind(0)}: a port the kernel hands out there is also what it uses as the source port of outgoing
 * connections, so between the pick and the service's own bind another process's connection (a
 * database pool, a broker client) could take it, and the service would fail to start.
 *
 * @param hub the hub's HTTP port
 * @param sftp the inbox's SFTP port
 * @param inboxHttp the inbox's HTTP port (health checks)
 * @param download the download service's HTTP port (researchers' API)
 */
public record Ports(int hub, int sftp, int inboxHttp, int download) {

  /** The given ports, 0 replaced by a free one. */
  public static Ports pick(int hub, int sftp, int download) {
    return new Ports(orFree(hub), orFree(sftp), free(), orFree(download));
  }

  private static final int LOWEST = 20000;
  private static final int HIGHEST = 32767;
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  /**
   * A port that is free now, below the ephemeral range, and never handed out before by this JVM
   * (two services of one node never get the same one).
   */
  public static synchronized int free() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST + 1);
      if (!HANDED_OUT.contains(port) && bindable(port)) {
        HANDED_OUT.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free port between " + LOWEST + " and " + HIGHEST);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int orFree(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    return port == 0 ? free() : port;
  }
}
