package io.lega.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.platform.broker.Topology.Side;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The topology definition, without a broker. */
class TopologyTest {

  private final Topology topology = Topology.load("node1");

  @Test
  void oneBrokerRoutesNodeToHubMessagesStraightToTheHubQueues() {
    for (String key : List.of("files.inbox", "files.verified", "files.completed", "files.error")) {
      assertThat(TopologyRoutes.route(topology, Side.BOTH, "hub", key)).containsExactly(key);
    }
  }

  @Test
  void aNodeBrokerCollectsNodeToHubMessagesForTheShovel() {
    for (String key : topology.nodeToHubRoutingKeys()) {
      assertThat(TopologyRoutes.route(topology, Side.NODE, "hub", key)).containsExactly("to_hub");
    }
  }

  @Test
  void hubMessagesForANodeReachItsInboundQueue() {
    assertThat(topology.inboundQueue("node1")).isEqualTo("to_node.node1");
    assertThat(
            TopologyRoutes.route(topology, Side.BOTH, "hub", topology.inboundRoutingKey("node1")))
        .containsExactly("to_node.node1");
    assertThat(TopologyRoutes.route(topology, Side.HUB, "hub", "to_node.node1"))
        .containsExactly("to_node.node1");
    assertThat(topology.queues(Side.NODE))
        .extracting(Topology.Queue::name)
        .contains("to_node.node1");
  }

  @Test
  void eachHubTypeReachesOneNodeQueue() {
    assertThat(TopologyRoutes.route(topology, Side.BOTH, "lega", "ingest"))
        .containsExactly("ingest");
    assertThat(TopologyRoutes.route(topology, Side.BOTH, "lega", "cancel"))
        .containsExactly("ingest");
    assertThat(TopologyRoutes.route(topology, Side.BOTH, "lega", "accession"))
        .containsExactly("accession");
    assertThat(TopologyRoutes.route(topology, Side.BOTH, "lega", "mapping"))
        .containsExactly("mappings");
    assertThat(TopologyRoutes.route(topology, Side.BOTH, "lega", "release"))
        .containsExactly("mappings");
    assertThat(TopologyRoutes.route(topology, Side.BOTH, "lega", "deprecate"))
        .containsExactly("mappings");
    assertThat(TopologyRoutes.route(topology, Side.NODE, "lega", "permission.deleted"))
        .containsExactly("permissions");
    assertThat(TopologyRoutes.route(topology, Side.NODE, "lega", "archived"))
        .containsExactly("archived");
    assertThat(topology.hubToNodeTypes()).doesNotContain("archived");
  }

  @Test
  void sidesDeclareWhatTheirBrokerNeeds() {
    assertThat(topology.queues(Side.HUB))
        .extracting(Topology.Queue::name)
        .containsExactlyInAnyOrder(
            "files.inbox",
            "files.verified",
            "files.completed",
            "files.error",
            "hub.error",
            "to_node.node1");
    assertThat(topology.queues(Side.NODE))
        .extracting(Topology.Queue::name)
        .containsExactlyInAnyOrder(
            "ingest",
            "archived",
            "accession",
            "mappings",
            "permissions",
            "error",
            "to_hub",
            "to_node.node1");
    assertThat(topology.queues(Side.BOTH))
        .extracting(Topology.Queue::name)
        .doesNotContain("to_hub")
        .contains("files.inbox", "ingest", "to_node.node1", "error", "hub.error");
    assertThat(topology.exchanges(Side.BOTH))
        .containsExactly(
            new Topology.Exchange("hub", "topic"), new Topology.Exchange("lega", "topic"));
    assertThat(topology.hubQuarantineQueue()).isEqualTo("hub.error");
    assertThat(topology.nodeQuarantineQueue()).isEqualTo("error");
  }

  @Test
  void theHubDeclaresOneInboundQueuePerNode() {
    Topology hub = Topology.load("node-a", "node_b");
    assertThat(hub.queues(Side.HUB))
        .extracting(Topology.Queue::name)
        .contains("to_node.node-a", "to_node.node_b");
    assertThat(TopologyRoutes.route(hub, Side.HUB, "hub", "to_node.node_b"))
        .containsExactly("to_node.node_b");
    assertThatThrownBy(() -> hub.queues(Side.NODE))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exactly one node");
  }

  @Test
  void topicPatternsMatchLikeTheBroker() {
    assertThat(TopologyRoutes.route(topology, Side.NODE, "hub", "files"))
        .containsExactly("to_hub"); // # is 0+ words
    assertThat(TopologyRoutes.route(topology, Side.NODE, "hub", "file.inbox")).isEmpty();
    assertThat(TopologyRoutes.route(topology, Side.NODE, "hub", "files.a.b"))
        .containsExactly("to_hub");
    assertThat(TopologyRoutes.route(topology, Side.NODE, "hub", "other.inbox")).isEmpty();
    assertThat(TopologyRoutes.route(topology, Side.BOTH, "nope", "files.inbox")).isEmpty();
    assertThat(TopologyRoutes.route(topology, Side.BOTH, "", "error")).containsExactly("error");
  }

  @Test
  void rejectsBadNodeNames() {
    assertThatThrownBy(() -> Topology.load("a.b")).hasMessageContaining("invalid node name 'a.b'");
    assertThatThrownBy(() -> Topology.load("#")).hasMessageContaining("invalid node name");
    assertThatThrownBy(() -> Topology.load(List.of())).hasMessageContaining("at least one node");
    assertThatThrownBy(() -> Topology.load("n", "n")).hasMessageContaining("duplicate");
  }

  @Test
  void rejectsAnInconsistentDefinition() throws IOException {
    String json;
    try (InputStream in = Topology.class.getResourceAsStream("topology.json")) {
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String unbound = json.replace("{\"exchange\": \"lega\", \"key\": \"release\"}, ", "");
    assertThat(unbound).isNotEqualTo(json);
    assertThatThrownBy(() -> load(unbound))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("hub message type release must reach exactly one node queue");

    String wrongExchange =
        json.replace(
            "{\"exchange\": \"hub\", \"key\": \"files.error\"}",
            "{\"exchange\": \"hubb\", \"key\": \"files.error\"}");
    assertThatThrownBy(() -> load(wrongExchange))
        .hasMessageContaining("queue files.error is bound to undeclared exchange hubb");

    assertThatThrownBy(() -> load("{\"routing\": {}}")).hasMessageContaining("lacks 'hubExchange'");
    assertThatThrownBy(() -> load("not json")).hasMessageContaining("not valid JSON");
  }

  @Test
  void eachNodeToHubKeyIsBoundToOneHubQueue() {
    for (String key : topology.nodeToHubRoutingKeys()) {
      assertThat(topology.queuesBoundWith(Side.HUB, "hub", key)).containsExactly(key);
      assertThat(topology.queuesBoundWith(Side.BOTH, "hub", key)).containsExactly(key);
    }
    assertThat(topology.queuesBoundWith(Side.NODE, "hub", "files.inbox")).isEmpty(); // files.#
  }

  @Test
  void theShippedDefinitionHangsTogether() {
    assertThat(TopologyRoutes.check(Topology.load("node1"))).isNotNull();
    assertThat(TopologyRoutes.check(Topology.load("node_a", "node_b")).nodes()).hasSize(2);
  }

  private static Topology load(String json) {
    return TopologyRoutes.check(
        Topology.load(
            new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), List.of("node1")));
  }
}
