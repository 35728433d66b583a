package io.lega.verify;

import io.lega.contracts.FileArchived;
import io.lega.contracts.MessageCodec;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.node.store.NodeStore;
import io.lega.node.worker.FileErrorReporter;
import io.lega.node.worker.NodeBroker;
import io.lega.node.worker.NodeKeys;
import io.lega.node.worker.StorageGroup;
import io.lega.node.worker.WorkerLifecycle;
import io.lega.node.worker.WorkerResources;
import io.lega.platform.storage.Storage;
import io.lega.verify.config.VerifyConfig;
import io.lega.verify.messaging.ArchivedHandler;
import io.lega.verify.service.BodyVerifier;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Starts the verify service with the application: loads the archive key, opens the archive, starts
 * the decryption pool, connects to the broker and consumes queue {@code archived}; stops consuming
 * and closes everything at shutdown. If the key cannot be loaded, or the archive or the broker
 * cannot be reached, the application does not start.
 */
@Singleton
public class VerifyService extends WorkerLifecycle {

  /** The service's name: the broker connection's name and the actor of its events. */
  public static final String NAME = ArchivedHandler.ACTOR;

  /** The queue of files ingest archived. */
  public static final String ARCHIVED_QUEUE = "archived";

  private static final Logger LOG = Logger.getLogger(VerifyService.class);

  private final VerifyConfig config;
  private final NodeStore store;

  public VerifyService(VerifyConfig config, NodeStore store, NodeBroker broker) {
    super(broker);
    this.config = config;
    this.store = store;
  }

  @Override
  protected void start(WorkerResources resources, NodeBroker broker) {
    Crypt4ghPrivateKey archiveKey =
        NodeKeys.privateKey(config.keys().archive(), "lega.keys.archive");
    Storage archive = resources.openStorage(config.archive(), "lega.archive");
    VerifyConfig.Service service = config.service();
    BodyVerifier verifier = new BodyVerifier(service.threads(), service.batchesInFlight());
    resources.closeAtEnd("the decryption pool", verifier);

    NodeBroker started = resources.consumeOn(broker);
    ArchivedHandler handler = new ArchivedHandler(store, started, archive, archiveKey, verifier);
    MessageCodec codec = MessageCodec.shared();
    started.consume(
        ARCHIVED_QUEUE,
        body -> codec.decode(body, FileArchived.class),
        handler::handle,
        FileArchived::user,
        new FileErrorReporter(store, started, NAME));
    LOG.infof(
        "verify-service started: archive %s, %s decryption threads",
        config.archive().type() == StorageGroup.Type.S3 ? "s3" : "posix",
        service.threads() > 0 ? service.threads() : Runtime.getRuntime().availableProcessors());
  }
}
