package io.lega.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.Channel;
import io.lega.platform.broker.Topology.Side;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The topology on a real broker: accepted (no queue arguments), idempotent, routing as intended.
 */
class TopologyDeclarationTest {

  private final TestBroker broker = new TestBroker();

  @AfterEach
  void cleanUp() throws Exception {
    broker.close();
  }

  @Test
  void theProjectTopologyDeclaresTwiceOnTheHubAndOnASharedBroker() throws IOException {
    Topology topology = Topology.load("node1");
    Channel channel = broker.connection.openChannel();
    try {
      topology.declare(channel, Side.BOTH);
      topology.declare(channel, Side.BOTH);
      topology.declare(channel, Side.HUB);
      assertThat(channel.isOpen()).isTrue();
      assertNoArguments(channel, topology, Side.BOTH);
    } finally {
      channel.abort();
    }
  }

  @Test
  void aNodeBrokerDeclaresTwiceAndCollectsNodeToHubMessagesForTheShovel() throws Exception {
    Topology topology = TestTopology.isolated("node1");
    cleanUpAfterwards(topology, Side.NODE);
    Channel channel = broker.connection.openChannel();
    try {
      topology.declare(channel, Side.NODE);
      topology.declare(channel, Side.NODE);
      assertNoArguments(channel, topology, Side.NODE);
    } finally {
      channel.abort();
    }
    String toHub =
        TopologyRoutes.route(topology, Side.NODE, topology.hubExchange(), "files.verified").get(0);
    broker.publisher.publish(
        topology.hubExchange(), "files.verified", OutgoingMessage.of(new byte[] {'{', '}'}, "c"));
    broker.publisher.publish(
        topology.nodeExchange(), "archived", OutgoingMessage.of(new byte[] {'{', '}'}, "c"));
    assertThat(broker.ready(toHub)).isEqualTo(1);
    assertThat(
            broker.ready(
                TopologyRoutes.route(topology, Side.NODE, topology.nodeExchange(), "archived")
                    .get(0)))
        .isEqualTo(1);
  }

  @Test
  void onASharedBrokerNodeToHubMessagesReachTheHubQueues() throws Exception {
    Topology topology = TestTopology.isolated("node1");
    cleanUpAfterwards(topology, Side.BOTH);
    Channel channel = broker.connection.openChannel();
    try {
      topology.declare(channel, Side.BOTH);
    } finally {
      channel.abort();
    }
    for (String key : topology.nodeToHubRoutingKeys()) {
      broker.publisher.publish(
          topology.hubExchange(), key, OutgoingMessage.of(new byte[] {'{', '}'}, "c"));
      String hubQueue =
          TopologyRoutes.route(topology, Side.BOTH, topology.hubExchange(), key).get(0);
      assertThat(broker.ready(hubQueue)).as(key).isEqualTo(1);
    }
  }

  /** Declaring again with explicitly empty arguments fails on RabbitMQ if a queue had any. */
  private static void assertNoArguments(Channel channel, Topology topology, Side side)
      throws IOException {
    for (Topology.Queue queue : topology.queues(side)) {
      channel.queueDeclare(queue.name(), true, false, false, Map.of());
    }
    assertThat(channel.isOpen()).isTrue();
  }

  private void cleanUpAfterwards(Topology topology, Side side) {
    topology.queues(side).forEach(q -> broker.deleteLater(q.name()));
    topology.exchanges(side).forEach(e -> broker.deleteExchangeLater(e.name()));
  }
}
