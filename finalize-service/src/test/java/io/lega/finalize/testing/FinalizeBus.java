package io.lega.finalize.testing;

import io.lega.node.worker.BrokerGroup;
import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.NodeBus;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/** The finalize tests' own AMQP client: test-support's {@link NodeBus} on the service's broker. */
public final class FinalizeBus {

  private FinalizeBus() {}

  /**
   * Connects to the broker of the service's configuration, seeing what the node sends to the hub
   * ({@code files.completed}, {@code files.error}).
   */
  public static NodeBus open(BrokerGroup b) throws IOException, TimeoutException {
    var amqp = new AmqpConnection(b.host(), b.port(), b.username(), b.password(), b.virtualHost());
    return new NodeBus(amqp, "finalize-test", "files.completed", "files.error");
  }
}
