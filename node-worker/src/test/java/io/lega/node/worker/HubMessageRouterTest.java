package io.lega.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.lega.platform.broker.Topology.Side;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hub messages reach the node queue for their body's type, on one shared broker. */
class HubMessageRouterTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final TestBroker broker = new TestBroker();
  private Topology topology;

  @BeforeEach
  void declareAndRoute() throws Exception {
    topology = TestTopology.isolated("node1");
    topology.queues(Side.BOTH).forEach(q -> broker.deleteLater(q.name()));
    topology.exchanges(Side.BOTH).forEach(e -> broker.deleteExchangeLater(e.name()));
    Channel channel = broker.connection.openChannel();
    try {
      topology.declare(channel, Side.BOTH);
    } finally {
      channel.abort();
    }
    broker
        .closeLater(new HubMessageRouter(topology, "node1", broker.connection, broker.publisher))
        .start();
  }

  @AfterEach
  void cleanUp() throws Exception {
    broker.close();
  }

  private void fromHub(String body, String correlationId) {
    broker.publisher.publish(
        topology.hubExchange(),
        topology.inboundRoutingKey("node1"),
        OutgoingMessage.of(
            body.getBytes(StandardCharsets.UTF_8), correlationId, Map.of("x-from", "hub")));
  }

  private String queueFor(String type) {
    return topology.route(Side.BOTH, topology.nodeExchange(), type).get(0);
  }

  @Test
  void routesEachTypeToItsQueueKeepingTheCorrelationId() throws Exception {
    fromHub("{\"type\":\"ingest\",\"user\":\"alice\",\"filepath\":\"a.c4gh\"}", "f-1");
    fromHub("{\"type\":\"release\",\"dataset_id\":\"EGAD00000000001\"}", "f-2");
    fromHub(
        "{\"type\":\"mapping\",\"dataset_id\":\"EGAD00000000001\",\"accession_ids\":[\"EGAF00000000001\"]}",
        "f-3");

    String ingest = queueFor("ingest");
    String mappings = queueFor("mapping");
    assertThat(queueFor("release")).isEqualTo(mappings);
    await().atMost(WAIT).until(() -> broker.ready(ingest) == 1 && broker.ready(mappings) == 2);

    GetResponse routed = broker.get(ingest);
    assertThat(new String(routed.getBody(), StandardCharsets.UTF_8))
        .contains("\"type\":\"ingest\"");
    assertThat(routed.getProps().getCorrelationId()).isEqualTo("f-1");
    assertThat(routed.getProps().getHeaders().get("x-from").toString()).isEqualTo("hub");
    assertThat(routed.getEnvelope().getRoutingKey()).isEqualTo("ingest");
    await().atMost(WAIT).until(() -> broker.ready(topology.inboundQueue("node1")) == 0);
  }

  @Test
  void quarantinesWhatTheHubMayNotSend() throws Exception {
    fromHub("{\"type\":\"archived\"}", "f-4"); // a node-internal type
    fromHub("{\"user\":\"alice\"}", "f-5"); // no type
    fromHub("not json", "f-6");
    fromHub("{\"type\":\"accession\"}", "f-7"); // fine: the consumer validates the rest

    String quarantine = topology.nodeQuarantineQueue();
    await().atMost(WAIT).until(() -> broker.ready(quarantine) == 3);
    await().atMost(WAIT).until(() -> broker.ready(queueFor("accession")) == 1);
    assertThat(broker.ready(queueFor("archived"))).isZero();
    for (int i = 0; i < 3; i++) {
      Map<String, Object> headers =
          MessageHeaders.readable(broker.get(quarantine).getProps().getHeaders());
      assertThat(headers)
          .containsEntry(MessageHeaders.FAILURE, MessageHeaders.MALFORMED)
          .containsEntry(MessageHeaders.SOURCE_QUEUE, topology.inboundQueue("node1"));
    }
  }
}
