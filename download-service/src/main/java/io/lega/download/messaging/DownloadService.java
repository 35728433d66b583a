package io.lega.download.messaging;

import io.lega.node.store.NodeStore;
import io.lega.node.worker.NodeBroker;
import io.lega.node.worker.WorkerResources;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Starts consuming queue {@code permissions} with the application, one message at a time in the
 * queue's order (a revocation and a later grant of the same pair must be applied in that order),
 * and stops at shutdown. If the broker cannot be reached the application does not start.
 */
@Singleton
public class DownloadService {

  private static final Logger LOG = Logger.getLogger(DownloadService.class);

  private final NodeStore store;
  private final NodeBroker broker;
  private final WorkerResources resources = new WorkerResources();

  public DownloadService(NodeStore store, NodeBroker broker) {
    this.store = store;
    this.broker = broker;
  }

  void onStart(@Observes StartupEvent event) {
    try {
      resources
          .consumeOn(broker)
          .consumeInOrder(
              PermissionHandler.QUEUE,
              PermissionHandler.decoder(),
              new PermissionHandler(store),
              PermissionHandler::userOf,
              PermissionHandler.NO_USER_ERRORS);
    } catch (RuntimeException e) {
      resources.close();
      throw e;
    }
    LOG.info("download-service started: consuming permissions");
  }

  void onStop(@Observes ShutdownEvent event) {
    resources.close();
  }
}
