package io.lega.node.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.lega.platform.broker.Broker;
import io.lega.platform.broker.BrokerSettings;
import io.lega.platform.broker.MessageHeaders;
import io.lega.platform.broker.OutgoingMessage;
import io.lega.platform.broker.Topology;
import io.lega.platform.broker.Topology.Side;
import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.Infrastructure;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hub messages reach the node queue for their body's type, on one shared broker. */
class HubMessageRouterTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private Topology topology;
  private Broker broker;
  private Channel admin;

  @BeforeEach
  void declareAndRoute() throws Exception {
    AmqpConnection amqp = Infrastructure.sharedBroker();
    BrokerSettings settings =
        new BrokerSettings(
            amqp.host(),
            amqp.port(),
            amqp.username(),
            amqp.password(),
            amqp.virtualHost(),
            false,
            10,
            3,
            Duration.ofMillis(100),
            Duration.ofSeconds(1),
            Duration.ofSeconds(5));
    topology = isolated("node1");
    broker = Broker.connect(settings, "node-worker-test", topology, Side.BOTH);
    HubMessageRouter.start(broker, "node1");
  }

  @AfterEach
  void cleanUp() throws Exception {
    broker.stopConsuming();
    try {
      for (Topology.Queue queue : topology.queues(Side.BOTH)) {
        admin().queueDelete(queue.name());
      }
      for (Topology.Exchange exchange : topology.exchanges(Side.BOTH)) {
        admin().exchangeDelete(exchange.name());
      }
    } finally {
      broker.close();
    }
  }

  /**
   * The project's topology with every exchange and queue name prefixed, so that the test touches
   * nothing else on a shared broker (routing keys are unchanged: they live on the renamed
   * exchanges).
   */
  private static Topology isolated(String... nodes) throws IOException {
    String prefix = "test-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root;
    try (InputStream in = Topology.class.getResourceAsStream("topology.json")) {
      root = (ObjectNode) mapper.readTree(in);
    }
    ObjectNode routing = (ObjectNode) root.get("routing");
    for (String field : List.of("hubExchange", "nodeExchange", "inboundQueue")) {
      routing.put(field, prefix + routing.get(field).asText());
    }
    for (String section : List.of("hub", "node", "link")) {
      ObjectNode json = (ObjectNode) root.get(section);
      if (json.has("quarantine")) {
        json.put("quarantine", prefix + json.get("quarantine").asText());
      }
      for (String names : List.of("exchanges", "queues")) {
        for (JsonNode element : (ArrayNode) json.get(names)) {
          ((ObjectNode) element).put("name", prefix + element.get("name").asText());
        }
      }
      for (JsonNode queue : json.get("queues")) {
        for (JsonNode binding : queue.get("bindings")) {
          ((ObjectNode) binding)
              .set("exchange", new TextNode(prefix + binding.get("exchange").asText()));
        }
      }
    }
    return Topology.load(new ByteArrayInputStream(mapper.writeValueAsBytes(root)), List.of(nodes));
  }

  private void fromHub(String body, String correlationId) {
    broker.publish(
        topology.hubExchange(),
        topology.inboundRoutingKey("node1"),
        OutgoingMessage.of(
            body.getBytes(StandardCharsets.UTF_8), correlationId, Map.of("x-from", "hub")));
  }

  private String queueFor(String type) {
    return topology.queuesBoundWith(Side.BOTH, topology.nodeExchange(), type).get(0);
  }

  private Channel admin() {
    if (admin == null || !admin.isOpen()) {
      admin = broker.connection().openChannel();
    }
    return admin;
  }

  private long ready(String queue) throws IOException {
    return admin().queueDeclarePassive(queue).getMessageCount();
  }

  private GetResponse get(String queue) throws IOException {
    return admin().basicGet(queue, true);
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
    await().atMost(WAIT).until(() -> ready(ingest) == 1 && ready(mappings) == 2);

    GetResponse routed = get(ingest);
    assertThat(new String(routed.getBody(), StandardCharsets.UTF_8))
        .contains("\"type\":\"ingest\"");
    assertThat(routed.getProps().getCorrelationId()).isEqualTo("f-1");
    assertThat(routed.getProps().getHeaders().get("x-from").toString()).isEqualTo("hub");
    assertThat(routed.getEnvelope().getRoutingKey()).isEqualTo("ingest");
    await().atMost(WAIT).until(() -> ready(topology.inboundQueue("node1")) == 0);
  }

  @Test
  void quarantinesWhatTheHubMayNotSend() throws Exception {
    fromHub("{\"type\":\"archived\"}", "f-4"); // a node-internal type
    fromHub("{\"user\":\"alice\"}", "f-5"); // no type
    fromHub("not json", "f-6");
    fromHub("{\"type\":\"accession\"}", "f-7"); // fine: the consumer validates the rest

    String quarantine = topology.nodeQuarantineQueue();
    await().atMost(WAIT).until(() -> ready(quarantine) == 3);
    await().atMost(WAIT).until(() -> ready(queueFor("accession")) == 1);
    assertThat(ready(queueFor("archived"))).isZero();
    for (int i = 0; i < 3; i++) {
      Map<String, Object> headers = get(quarantine).getProps().getHeaders();
      assertThat(String.valueOf(headers.get(MessageHeaders.FAILURE)))
          .isEqualTo(MessageHeaders.MALFORMED);
      assertThat(String.valueOf(headers.get(MessageHeaders.SOURCE_QUEUE)))
          .isEqualTo(topology.inboundQueue("node1"));
    }
  }
}
