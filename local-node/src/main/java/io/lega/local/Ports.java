package io.lega.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * The ports a local node listens on: the hub's HTTP API, the inbox's SFTP server, the inbox's HTTP
 * (health) port and the download API. A port given as 0 is picked free; the pipeline workers' HTTP
 * ports are always picked free ({@link #free()}).
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

  /** A port of the loopback interface that is free now. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  private static int orFree(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("not a port: " + port);
    }
    return port == 0 ? free() : port;
  }
}
