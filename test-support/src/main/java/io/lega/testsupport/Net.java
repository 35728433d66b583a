package io.lega.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Network helpers. */
public final class Net {

  private Net() {}

  /** Whether something accepts TCP connections at host:port (500 ms connect timeout). */
  public static boolean isListening(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
