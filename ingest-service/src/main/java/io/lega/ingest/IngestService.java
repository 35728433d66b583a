package io.lega.ingest;

import io.lega.contracts.FileMessage;
import io.lega.contracts.MessageCodec;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.ingest.config.IngestConfig;
import io.lega.ingest.messaging.IngestHandler;
import io.lega.ingest.service.Archiver;
import io.lega.node.store.NodeStore;
import io.lega.node.worker.FileErrorReporter;
import io.lega.node.worker.NodeBroker;
import io.lega.node.worker.NodeKeys;
import io.lega.node.worker.WorkerLifecycle;
import io.lega.node.worker.WorkerResources;
import io.lega.platform.storage.Storage;
import jakarta.inject.Singleton;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Starts the ingest service with the application: loads the submission keys and the archive public
 * key, opens the inbox and the archive, connects to the broker (running the node's hub router with
 * {@code lega.broker.route-hub-messages=true}) and consumes queue {@code ingest}; stops consuming
 * and closes everything at shutdown. If a key cannot be loaded, or a storage or the broker cannot
 * be reached, the application does not start.
 */
@Singleton
public class IngestService extends WorkerLifecycle {

  /** The service's name: the broker connection's name and the actor of its events. */
  public static final String NAME = IngestHandler.ACTOR;

  /** The queue of ingest and cancel messages. */
  public static final String INGEST_QUEUE = "ingest";

  private static final Logger LOG = Logger.getLogger(IngestService.class);

  private final IngestConfig config;
  private final NodeStore store;

  public IngestService(IngestConfig config, NodeStore store, NodeBroker broker) {
    super(broker);
    this.config = config;
    this.store = store;
  }

  @Override
  protected void start(WorkerResources resources, NodeBroker broker) {
    IngestConfig.Keys keys = config.keys();
    List<Crypt4ghPrivateKey> submissionKeys =
        NodeKeys.privateKeys(keys.submission(), "lega.keys.submission");
    Crypt4ghPublicKey archiveKey =
        NodeKeys.publicKey(keys.archivePublicKey(), "lega.keys.archive-public-key");
    if (submissionKeys.stream().anyMatch(key -> key.publicKey().equals(archiveKey))) {
      LOG.warn(
          "lega.keys.archive-public-key is one of the submission keys: the archive is then only as"
              + " safe as the submission key; use a key pair of its own");
    }
    Storage inbox = resources.openStorage(config.inboxStorage(), "lega.inbox-storage");
    Storage archive = resources.openStorage(config.archive(), "lega.archive");
    IngestConfig.Service service = config.service();
    Archiver archiver =
        new Archiver(
            inbox,
            archive,
            submissionKeys,
            archiveKey,
            service.digestThreads(),
            service.chunkSize(),
            service.chunksInFlight());
    resources.closeAtEnd("the archiver", archiver);

    NodeBroker started = resources.consumeOn(broker);
    IngestHandler handler = new IngestHandler(store, started, archiver);
    MessageCodec codec = MessageCodec.shared();
    started.consume(
        INGEST_QUEUE,
        codec::decodeHubToNode,
        handler::handle,
        message -> message instanceof FileMessage file ? file.user() : null,
        new FileErrorReporter(store, started, NAME));
    LOG.infof(
        "ingest-service started: %d submission key(s), archive key %s, inbox %s, archive %s",
        submissionKeys.size(),
        archiveKey.hex(),
        config.inboxStorage().type().name().toLowerCase(java.util.Locale.ROOT),
        config.archive().type().name().toLowerCase(java.util.Locale.ROOT));
  }
}
