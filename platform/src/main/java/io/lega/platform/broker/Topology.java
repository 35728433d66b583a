package io.lega.platform.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The broker topology, read from one JSON definition ({@code topology.json} beside this class):
 * exchanges, durable queues and their bindings, for the hub's broker, a node's broker, or one
 * broker shared by both.
 *
 * <p>The definition has three sections. {@code hub}: the hub's exchange, the {@code files.*} queues
 * the hub consumes, its quarantine queue and one queue per node for hub-to-node traffic ({@code
 * to_node.<node>}). {@code node}: the node's exchange and work queues. {@code link}: what only a
 * node's own broker needs in production (a local stand-in of the hub's exchange with the {@code
 * to_hub} queue that a shovel empties into the hub, and the {@code to_node.<node>} queue federated
 * from the hub). {@link Side#HUB} declares {@code hub}; {@link Side#NODE} declares {@code node} and
 * {@code link}; {@link Side#BOTH} (one broker) declares {@code hub} and {@code node}, so that
 * node-to-hub messages route straight into the hub's queues and hub-to-node messages into the
 * node's inbound queue. Services publish and consume the same names in every mode.
 *
 * <p>Hub-to-node messages all arrive on the node's inbound queue, whatever their type; {@link
 * HubMessageRouter} reads each one's {@code type} and publishes it on the node's exchange with the
 * type as routing key, which the node's bindings send to the consuming queue. Consumers of a queue
 * that carries several types ({@code mappings}) dispatch on the decoded body's type as well.
 *
 * <p>No queue or exchange has arguments: dead-lettering and TTLs are RabbitMQ-only and the embedded
 * broker refuses them; retries and quarantine are {@link QueueConsumer}'s.
 */
public final class Topology {

  private static final Logger LOG = Logger.getLogger(Topology.class);
  private static final String DEFAULT_RESOURCE = "topology.json";
  private static final String NODE_PLACEHOLDER = "{node}";
  private static final Pattern NODE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /** Which broker to declare for. */
  public enum Side {
    /** The hub's own broker. */
    HUB,
    /** A node's own broker, linked to the hub by federation and a shovel. */
    NODE,
    /** One broker shared by the hub and one node (embedded mode, tests). */
    BOTH
  }

  /**
   * An exchange; always durable, not auto-deleted, without arguments.
   *
   * @param name exchange name
   * @param type {@code topic}, {@code direct} or {@code fanout}
   */
  public record Exchange(String name, String type) {}

  /**
   * A binding of a queue to an exchange.
   *
   * @param exchange the exchange
   * @param routingKey the binding key (topic patterns allowed on topic exchanges)
   */
  public record Binding(String exchange, String routingKey) {}

  /**
   * A queue; always durable, not exclusive, not auto-deleted, without arguments.
   *
   * @param name queue name
   * @param consumer who consumes it (documentation)
   * @param bindings how messages reach it besides the default exchange
   */
  public record Queue(String name, String consumer, List<Binding> bindings) {
    /** Copies the bindings. */
    public Queue {
      bindings = List.copyOf(bindings);
    }
  }

  private record Section(String quarantine, List<Exchange> exchanges, List<Queue> queues) {}

  private final List<String> nodes;
  private final String hubExchange;
  private final String nodeExchange;
  private final String inboundQueue;
  private final String inboundRoutingKey;
  private final Set<String> hubToNodeTypes;
  private final List<String> nodeToHubRoutingKeys;
  private final Section hub;
  private final Section node;
  private final Section link;

  private Topology(JsonNode root, List<String> nodes) {
    this.nodes = nodes;
    JsonNode routing = required(root, "routing");
    this.hubExchange = text(routing, "hubExchange");
    this.nodeExchange = text(routing, "nodeExchange");
    this.inboundQueue = text(routing, "inboundQueue");
    this.inboundRoutingKey = text(routing, "inboundRoutingKey");
    this.hubToNodeTypes = new LinkedHashSet<>(texts(routing, "hubToNodeTypes"));
    this.nodeToHubRoutingKeys = texts(routing, "nodeToHubRoutingKeys");
    this.hub = section(required(root, "hub"));
    this.node = section(required(root, "node"));
    this.link = section(required(root, "link"));
  }

  /**
   * The project's topology for the given nodes.
   *
   * @param nodes node names (lower-case letters, digits, {@code -} and {@code _}); the hub side
   *     declares one inbound queue per node, a node side needs exactly one
   */
  public static Topology load(String... nodes) {
    return load(List.of(nodes));
  }

  /** The project's topology for the given nodes; see {@link #load(String...)}. */
  public static Topology load(Collection<String> nodes) {
    try (InputStream json = Topology.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (json == null) {
        throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
      }
      return load(json, nodes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }

  /**
   * A topology from another definition with the same structure (for tests). That a definition hangs
   * together (every binding to a declared exchange, every hub message type reaching one node queue,
   * ...) is checked by the tests of the one shipped, not at run time.
   *
   * @throws IllegalArgumentException if the definition lacks a section or a name
   */
  public static Topology load(InputStream json, Collection<String> nodes) {
    List<String> names = List.copyOf(nodes);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a topology needs at least one node name");
    }
    for (String name : names) {
      if (!NODE_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "invalid node name '" + name + "': use lower-case letters, digits, '-' and '_'");
      }
    }
    if (new LinkedHashSet<>(names).size() != names.size()) {
      throw new IllegalArgumentException("duplicate node names: " + names);
    }
    try {
      return new Topology(new ObjectMapper().readTree(json), names);
    } catch (IOException e) {
      throw new IllegalArgumentException("the topology definition is not valid JSON: " + e, e);
    }
  }

  /** The node names this topology was loaded for. */
  public List<String> nodes() {
    return nodes;
  }

  /** The hub's exchange: node-to-hub messages are published here with a {@code files.*} key. */
  public String hubExchange() {
    return hubExchange;
  }

  /** The node's exchange: work between a node's services, and routed hub messages. */
  public String nodeExchange() {
    return nodeExchange;
  }

  /** The queue that receives every hub-to-node message for {@code node}. */
  public String inboundQueue(String nodeName) {
    return inboundQueue.replace(NODE_PLACEHOLDER, nodeName);
  }

  /** The routing key the hub publishes messages for {@code node} with, on the hub's exchange. */
  public String inboundRoutingKey(String nodeName) {
    return inboundRoutingKey.replace(NODE_PLACEHOLDER, nodeName);
  }

  /** The message types a hub may send to a node; the router uses each as a routing key. */
  public Set<String> hubToNodeTypes() {
    return Collections.unmodifiableSet(hubToNodeTypes);
  }

  /** The routing keys of node-to-hub messages on the hub's exchange. */
  public List<String> nodeToHubRoutingKeys() {
    return nodeToHubRoutingKeys;
  }

  /** The hub's quarantine queue. */
  public String hubQuarantineQueue() {
    return hub.quarantine();
  }

  /** The node's quarantine queue. */
  public String nodeQuarantineQueue() {
    return node.quarantine();
  }

  /** The exchanges declared for a side. */
  public List<Exchange> exchanges(Side side) {
    Map<String, Exchange> byName = new LinkedHashMap<>();
    for (Section section : sections(side)) {
      for (Exchange exchange : section.exchanges()) {
        Exchange earlier = byName.putIfAbsent(exchange.name(), exchange);
        if (earlier != null && !earlier.type().equals(exchange.type())) {
          throw new IllegalStateException(
              "exchange %s is declared as both %s and %s"
                  .formatted(exchange.name(), earlier.type(), exchange.type()));
        }
      }
    }
    return List.copyOf(byName.values());
  }

  /** The queues declared for a side, with {@code {node}} replaced by node names. */
  public List<Queue> queues(Side side) {
    List<String> forNodes = side == Side.HUB ? nodes : List.of(singleNode(side));
    Map<String, Queue> byName = new LinkedHashMap<>();
    for (Section section : sections(side)) {
      for (Queue template : section.queues()) {
        List<String> names = template.name().contains(NODE_PLACEHOLDER) ? forNodes : List.of("");
        for (String name : names) {
          Queue queue = expand(template, name);
          Queue earlier = byName.get(queue.name());
          if (earlier == null) {
            byName.put(queue.name(), queue);
          } else {
            List<Binding> merged = new ArrayList<>(earlier.bindings());
            queue.bindings().stream().filter(b -> !merged.contains(b)).forEach(merged::add);
            byName.put(queue.name(), new Queue(queue.name(), earlier.consumer(), merged));
          }
        }
      }
    }
    return List.copyOf(byName.values());
  }

  /**
   * The queues bound to {@code exchange} with exactly {@code routingKey} on a side's broker (where
   * a service consumes what is published with that key; pattern bindings are not expanded).
   */
  public List<String> queuesBoundWith(Side side, String exchange, String routingKey) {
    Binding wanted = new Binding(exchange, routingKey);
    return queues(side).stream()
        .filter(queue -> queue.bindings().contains(wanted))
        .map(Queue::name)
        .toList();
  }

  /**
   * Declares a side's exchanges, queues and bindings. Idempotent: declaring what exists with the
   * same properties changes nothing.
   *
   * @throws IOException if the broker refuses a declaration (it then closes the channel)
   */
  public void declare(Channel channel, Side side) throws IOException {
    List<Exchange> exchanges = exchanges(side);
    List<Queue> queues = queues(side);
    int bindings = 0;
    for (Exchange exchange : exchanges) {
      channel.exchangeDeclare(exchange.name(), exchange.type(), true, false, false, null);
    }
    for (Queue queue : queues) {
      channel.queueDeclare(queue.name(), true, false, false, null);
      for (Binding binding : queue.bindings()) {
        channel.queueBind(queue.name(), binding.exchange(), binding.routingKey());
        bindings++;
      }
    }
    LOG.infof(
        "declared the %s topology: %d exchange(s), %d queue(s), %d binding(s)",
        side, exchanges.size(), queues.size(), bindings);
  }

  private List<Section> sections(Side side) {
    return switch (side) {
      case HUB -> List.of(hub);
      case NODE -> List.of(node, link);
      case BOTH -> List.of(hub, node);
    };
  }

  private String singleNode(Side side) {
    if (nodes.size() != 1) {
      throw new IllegalStateException(
          "the " + side + " side is for exactly one node, but this topology has " + nodes);
    }
    return nodes.get(0);
  }

  private static Queue expand(Queue template, String nodeName) {
    List<Binding> bindings =
        template.bindings().stream()
            .map(b -> new Binding(b.exchange(), b.routingKey().replace(NODE_PLACEHOLDER, nodeName)))
            .toList();
    return new Queue(
        template.name().replace(NODE_PLACEHOLDER, nodeName), template.consumer(), bindings);
  }

  private static Section section(JsonNode json) {
    List<Exchange> exchanges = new ArrayList<>();
    for (JsonNode exchange : json.path("exchanges")) {
      exchanges.add(new Exchange(text(exchange, "name"), text(exchange, "type")));
    }
    List<Queue> queues = new ArrayList<>();
    for (JsonNode queue : json.path("queues")) {
      List<Binding> bindings = new ArrayList<>();
      for (JsonNode binding : queue.path("bindings")) {
        bindings.add(new Binding(text(binding, "exchange"), text(binding, "key")));
      }
      queues.add(new Queue(text(queue, "name"), queue.path("consumer").asText(""), bindings));
    }
    String quarantine = json.path("quarantine").asText(null);
    return new Section(quarantine, List.copyOf(exchanges), List.copyOf(queues));
  }

  private static JsonNode required(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("the topology definition lacks '" + field + "'");
    }
    return value;
  }

  private static String text(JsonNode json, String field) {
    JsonNode value = required(json, field);
    if (!value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(
          "'" + field + "' in the topology definition must be a non-blank string");
    }
    return value.asText();
  }

  private static List<String> texts(JsonNode json, String field) {
    JsonNode value = required(json, field);
    List<String> list = new ArrayList<>();
    for (JsonNode element : value) {
      list.add(Objects.requireNonNull(element.asText(null), field));
    }
    return List.copyOf(list);
  }
}
