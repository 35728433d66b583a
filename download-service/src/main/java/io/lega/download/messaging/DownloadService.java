package io.lega.download.messaging;

import io.lega.node.store.NodeStore;
import io.lega.node.worker.NodeBroker;
import io.lega.node.worker.WorkerLifecycle;
import io.lega.node.worker.WorkerResources;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Starts consuming queue {@code permissions} with the application, one message at a time in the
 * queue's order (a revocation and a later grant of the same pair must be applied in that order),
 * and stops at shutdown. If the broker cannot be reached the application does not start.
 */
@Singleton
public class DownloadService extends WorkerLifecycle {

  private static final Logger LOG = Logger.getLogger(DownloadService.class);

  private final NodeStore store;

  public DownloadService(NodeStore store, NodeBroker broker) {
    super(broker);
    this.store = store;
  }

  @Override
  protected void start(WorkerResources resources, NodeBroker broker) {
    resources
        .consumeOn(broker)
        .consumeInOrder(
            PermissionHandler.QUEUE,
            PermissionHandler.decoder(),
            new PermissionHandler(store),
            PermissionHandler::userOf,
            PermissionHandler.NO_USER_ERRORS);
    LOG.info("download-service started: consuming permissions");
  }
}
