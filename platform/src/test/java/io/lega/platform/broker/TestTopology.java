package io.lega.platform.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.UUID;

/**
 * The project's topology with every exchange and queue name prefixed, so that a test on a shared
 * broker touches nothing else (routing keys are unchanged: they live on the renamed exchanges).
 */
final class TestTopology {

  private TestTopology() {}

  static Topology isolated(String... nodes) throws IOException {
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
      prefixNames((ArrayNode) json.get("exchanges"), prefix);
      prefixNames((ArrayNode) json.get("queues"), prefix);
      for (JsonNode queue : json.get("queues")) {
        for (JsonNode binding : queue.get("bindings")) {
          ((ObjectNode) binding)
              .set("exchange", new TextNode(prefix + binding.get("exchange").asText()));
        }
      }
    }
    return Topology.load(new ByteArrayInputStream(mapper.writeValueAsBytes(root)), List.of(nodes));
  }

  private static void prefixNames(ArrayNode array, String prefix) {
    for (JsonNode element : array) {
      ((ObjectNode) element).put("name", prefix + element.get("name").asText());
    }
  }
}
