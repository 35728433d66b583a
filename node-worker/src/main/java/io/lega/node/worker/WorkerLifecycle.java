package io.lega.node.worker;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;

/**
 * The start and stop of a node service that consumes from the broker: at the application's start it
 * calls {@link #start}, which opens what the service needs through its {@link WorkerResources} and
 * registers its consumers; at shutdown, or if the start fails, everything opened is closed
 * (consumers first). A start that throws stops the application from starting.
 */
public abstract class WorkerLifecycle {

  private final NodeBroker broker;
  private final WorkerResources resources = new WorkerResources();

  /**
   * @param broker the node's broker, handed to {@link #start} to consume on
   */
  protected WorkerLifecycle(NodeBroker broker) {
    this.broker = broker;
  }

  /**
   * Opens the service's storages and resources, then calls {@code resources.consumeOn(broker)} and
   * registers the consumers on what it returns.
   *
   * @param resources where to open storages and register what to close at the end
   * @param broker the node's broker, to hand over with {@link WorkerResources#consumeOn}
   */
  protected abstract void start(WorkerResources resources, NodeBroker broker);

  /** Starts the service; on a failure closes what was opened and rethrows. */
  public synchronized void onStart(@Observes StartupEvent event) {
    try {
      start(resources, broker);
    } catch (RuntimeException e) {
      resources.close();
      throw e;
    }
  }

  /** Stops the consumers, then closes the rest in reverse order of opening. */
  public synchronized void onStop(@Observes ShutdownEvent event) {
    resources.close();
  }
}
