package io.lega.platform.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import javax.net.SocketFactory;

/** Plain sockets with {@code TCP_NODELAY} set, for the S3 client's HTTP connections. */
final class NoDelaySocketFactory extends SocketFactory {
  private final SocketFactory plain = SocketFactory.getDefault();

  @Override
  public Socket createSocket() throws IOException {
    return noDelay(plain.createSocket());
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return noDelay(plain.createSocket(host, port));
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress local, int localPort)
      throws IOException {
    return noDelay(plain.createSocket(host, port, local, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return noDelay(plain.createSocket(host, port));
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort)
      throws IOException {
    return noDelay(plain.createSocket(address, port, local, localPort));
  }

  private static Socket noDelay(Socket socket) throws SocketException {
    socket.setTcpNoDelay(true);
    return socket;
  }
}
