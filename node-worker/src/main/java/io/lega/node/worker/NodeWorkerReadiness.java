package io.lega.node.worker;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The readiness check {@code broker} of a node worker: up while the broker connection is open and
 * every consumer runs ({@link NodeBroker#healthy()}), down before the start, after the shutdown and
 * while the client reconnects. Its data {@code queues} names the queues the service consumes.
 *
 * <p>Quarkus finds health checks among the service's own beans, so each service keeps a subclass,
 * annotated {@code @Readiness} and {@code @Singleton}, whose constructor takes the service and
 * passes its {@code broker()} and queue names here.
 */
public abstract class NodeWorkerReadiness implements HealthCheck {

  /** The check's name. */
  public static final String NAME = "broker";

  private final Supplier<Optional<NodeBroker>> broker;
  private final String queues;

  /**
   * A check of the broker side the supplier returns.
   *
   * @param broker the running broker side, if any (e.g. {@code service::broker})
   * @param queues the queues the service consumes, for the check's data
   */
  protected NodeWorkerReadiness(Supplier<Optional<NodeBroker>> broker, String... queues) {
    this.broker = Objects.requireNonNull(broker, "broker");
    this.queues = String.join(", ", List.of(queues));
  }

  /** Up while the broker side is started and {@linkplain NodeBroker#healthy() healthy}. */
  @Override
  public HealthCheckResponse call() {
    boolean healthy = broker.get().map(NodeBroker::healthy).orElse(false);
    return HealthCheckResponse.named(NAME).status(healthy).withData("queues", queues).build();
  }
}
