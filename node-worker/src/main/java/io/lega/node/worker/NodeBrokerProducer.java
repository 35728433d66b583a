package io.lega.node.worker;

import io.lega.platform.broker.Broker;
import io.lega.platform.broker.Topology;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires a node worker to the broker, as every service does: a CDI-produced {@link Broker} (named
 * after the application, the node's part of the topology declared on it) closed by its disposer,
 * and the {@link NodeBroker} the service registers its consumers on. With {@code
 * lega.broker.route-hub-messages=true} the hub router runs on it from the start.
 */
@Singleton
public class NodeBrokerProducer {

  @Produces
  @Singleton
  Broker broker(
      BrokerGroup config, @ConfigProperty(name = "quarkus.application.name") String name) {
    Broker broker =
        Broker.connect(
            config.settings(), name, Topology.load(config.nodeName()), config.topologySide());
    if (config.routeHubMessages()) {
      try {
        HubMessageRouter.start(broker, config.nodeName());
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
    }
    return broker;
  }

  void close(@Disposes Broker broker) {
    broker.close();
  }

  @Produces
  @Singleton
  NodeBroker nodeBroker(Broker broker) {
    return new NodeBroker(broker);
  }
}
