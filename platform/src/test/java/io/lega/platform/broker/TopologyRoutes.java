package io.lega.platform.broker;

import io.lega.platform.broker.Topology.Binding;
import io.lega.platform.broker.Topology.Exchange;
import io.lega.platform.broker.Topology.Queue;
import io.lega.platform.broker.Topology.Side;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a broker would route a message under a {@link Topology}, worked out without a broker, and
 * whether a definition hangs together for every side it can be declared for.
 */
final class TopologyRoutes {

  private TopologyRoutes() {}

  /**
   * The queues a message published on a side's broker would reach, as the broker would route it.
   *
   * @param exchange the exchange ({@code ""} is the default exchange: the queue of that name)
   */
  static List<String> route(Topology topology, Side side, String exchange, String routingKey) {
    List<Queue> queues = topology.queues(side);
    if (exchange.isEmpty()) {
      return queues.stream().map(Queue::name).filter(routingKey::equals).toList();
    }
    Exchange target =
        topology.exchanges(side).stream()
            .filter(e -> e.name().equals(exchange))
            .findFirst()
            .orElse(null);
    if (target == null) {
      return List.of();
    }
    List<String> reached = new ArrayList<>();
    for (Queue queue : queues) {
      if (queue.bindings().stream()
          .anyMatch(
              b ->
                  b.exchange().equals(exchange)
                      && matches(target.type(), b.routingKey(), routingKey))) {
        reached.add(queue.name());
      }
    }
    return reached;
  }

  /**
   * Checks that the definition hangs together: exchange types known, every binding to a declared
   * exchange, every node-to-hub key reaching a queue, the quarantine and inbound queues declared,
   * every hub message type reaching exactly one node queue.
   *
   * @return the topology
   * @throws IllegalArgumentException naming every problem found
   */
  static Topology check(Topology topology) {
    List<String> problems = new ArrayList<>();
    List<Side> sides = new ArrayList<>(List.of(Side.HUB));
    if (topology.nodes().size() == 1) {
      sides.add(Side.NODE);
      sides.add(Side.BOTH);
    }
    for (Side side : sides) {
      Set<String> exchangeNames = new LinkedHashSet<>();
      try {
        topology.exchanges(side).forEach(e -> exchangeNames.add(e.name()));
      } catch (IllegalStateException e) {
        problems.add(e.getMessage());
        continue;
      }
      checkSide(topology, side, exchangeNames, problems);
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "inconsistent topology definition: " + String.join("; ", problems));
    }
    return topology;
  }

  private static void checkSide(
      Topology topology, Side side, Set<String> exchangeNames, List<String> problems) {
    for (Exchange exchange : topology.exchanges(side)) {
      if (!List.of("topic", "direct", "fanout").contains(exchange.type())) {
        problems.add("exchange " + exchange.name() + " has unknown type " + exchange.type());
      }
    }
    for (Queue queue : topology.queues(side)) {
      for (Binding binding : queue.bindings()) {
        if (!exchangeNames.contains(binding.exchange())) {
          problems.add(
              side
                  + ": queue "
                  + queue.name()
                  + " is bound to undeclared exchange "
                  + binding.exchange());
        }
      }
    }
    for (String key : topology.nodeToHubRoutingKeys()) {
      if (route(topology, side, topology.hubExchange(), key).isEmpty()) {
        problems.add(side + ": node-to-hub key " + key + " reaches no queue");
      }
    }
    String quarantine =
        side == Side.HUB ? topology.hubQuarantineQueue() : topology.nodeQuarantineQueue();
    if (route(topology, side, "", quarantine).isEmpty()) {
      problems.add(side + ": quarantine queue " + quarantine + " is not declared");
    }
    List<String> nodes = side == Side.HUB ? topology.nodes() : topology.nodes().subList(0, 1);
    for (String node : nodes) {
      String inbound = topology.inboundQueue(node);
      if (route(topology, side, "", inbound).isEmpty()) {
        problems.add(side + ": inbound queue " + inbound + " is not declared");
      }
      String key = topology.inboundRoutingKey(node);
      if (side != Side.NODE
          && !route(topology, side, topology.hubExchange(), key).equals(List.of(inbound))) {
        problems.add(side + ": key " + key + " must reach exactly " + inbound);
      }
    }
    if (side != Side.HUB) {
      for (String type : topology.hubToNodeTypes()) {
        List<String> reached = route(topology, side, topology.nodeExchange(), type);
        if (reached.size() != 1) {
          problems.add(
              side
                  + ": hub message type "
                  + type
                  + " must reach exactly one node queue, reaches "
                  + reached);
        }
      }
    }
  }

  private static boolean matches(String exchangeType, String bindingKey, String routingKey) {
    return switch (exchangeType) {
      case "fanout" -> true;
      case "direct" -> bindingKey.equals(routingKey);
      default -> topicMatches(bindingKey.split("\\.", -1), 0, routingKey.split("\\.", -1), 0);
    };
  }

  /** AMQP topic matching: {@code *} is exactly one word, {@code #} zero or more. */
  private static boolean topicMatches(String[] pattern, int p, String[] key, int k) {
    if (p == pattern.length) {
      return k == key.length;
    }
    if (pattern[p].equals("#")) {
      for (int skip = k; skip <= key.length; skip++) {
        if (topicMatches(pattern, p + 1, key, skip)) {
          return true;
        }
      }
      return false;
    }
    if (k == key.length) {
      return false;
    }
    return (pattern[p].equals("*") || pattern[p].equals(key[k]))
        && topicMatches(pattern, p + 1, key, k + 1);
  }
}
