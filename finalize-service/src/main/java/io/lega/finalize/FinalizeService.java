package io.lega.finalize;

import io.lega.contracts.HubToNodeMessage;
import io.lega.contracts.IngestionAccession;
import io.lega.contracts.MalformedMessageException;
import io.lega.finalize.config.FinalizeConfig;
import io.lega.finalize.messaging.AccessionHandler;
import io.lega.finalize.messaging.DatasetHandler;
import io.lega.finalize.messaging.DatasetRequestRefusedException;
import io.lega.finalize.messaging.Decoders;
import io.lega.finalize.service.BackupCopier;
import io.lega.finalize.service.InboxCleaner;
import io.lega.node.store.NodeStore;
import io.lega.node.worker.FileErrorReporter;
import io.lega.node.worker.NodeBroker;
import io.lega.node.worker.WorkerLifecycle;
import io.lega.node.worker.WorkerResources;
import io.lega.platform.broker.MessageContext;
import io.lega.platform.error.UserErrorException;
import io.lega.platform.storage.Storage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Starts the finalize service with the application: opens the storages, connects to the broker and
 * consumes queues {@code accession} and {@code mappings}; stops consuming and closes everything at
 * shutdown. If a storage or the broker cannot be reached, the application does not start.
 *
 * <p>Metrics: timers {@code lega.finalize.accessions{type=accession,outcome}} (outcome {@code
 * ready}, {@code completed_again}, {@code ready_elsewhere}, {@code refused}, {@code malformed},
 * {@code failed}), {@code lega.finalize.dataset.messages{type=mapping|release|deprecate,outcome}}
 * (outcome {@code changed}, {@code unchanged}, {@code refused}, {@code failed}) and {@code
 * lega.finalize.backup{outcome}}, counter {@code lega.finalize.backup.bytes}.
 */
@Singleton
public class FinalizeService extends WorkerLifecycle {

  /** The service's name: the broker connection's name and the actor of its events. */
  public static final String NAME = AccessionHandler.ACTOR;

  /** The queue of the hub's accession ids. */
  public static final String ACCESSION_QUEUE = "accession";

  /** The queue of the hub's dataset messages (mapping, release, deprecate). */
  public static final String MAPPINGS_QUEUE = "mappings";

  private static final Logger LOG = Logger.getLogger(FinalizeService.class);

  private final FinalizeConfig config;
  private final NodeStore store;
  private final MeterRegistry metrics;

  public FinalizeService(
      FinalizeConfig config, NodeStore store, MeterRegistry metrics, NodeBroker broker) {
    super(broker);
    this.config = config;
    this.store = store;
    this.metrics = metrics;
  }

  @Override
  protected void start(WorkerResources resources, NodeBroker broker) {
    FinalizeConfig.Service service = config.service();
    Optional<BackupCopier> backup = Optional.empty();
    if (service.backup().enabled()) {
      Storage archive = resources.openStorage(config.archive(), "lega.archive");
      Storage copies = resources.openStorage(config.backup(), "lega.backup");
      backup = Optional.of(new BackupCopier(archive, copies, metrics));
    } else {
      LOG.info("backups are off (lega.finalize.backup.enabled=false)");
    }
    Optional<InboxCleaner> inbox = Optional.empty();
    if (service.removeFromInbox()) {
      inbox =
          Optional.of(
              new InboxCleaner(resources.openStorage(config.inboxStorage(), "lega.inbox-storage")));
    } else {
      LOG.info("inbox files are kept (lega.finalize.remove-from-inbox=false)");
    }

    NodeBroker started = resources.consumeOn(broker);
    AccessionHandler accession = new AccessionHandler(store, started, backup, inbox);
    started.consume(
        ACCESSION_QUEUE,
        Decoders.accession(),
        (IngestionAccession message, MessageContext context) ->
            timed(
                "lega.finalize.accessions",
                "accession",
                () -> accession.handle(message, context).tag()),
        IngestionAccession::user,
        new FileErrorReporter(store, started, NAME));
    DatasetHandler dataset = new DatasetHandler(store, config.broker().maxAttempts());
    // in order: the hub sends a dataset's mapping and then its release back to back
    started.consumeInOrder(
        MAPPINGS_QUEUE,
        Decoders.datasets(),
        (HubToNodeMessage message, MessageContext context) ->
            timed(
                "lega.finalize.dataset.messages",
                message.type(),
                () -> dataset.handle(message, context) ? "changed" : "unchanged"),
        message -> null,
        DatasetHandler.NO_USER_ERRORS);
    LOG.infof(
        "finalize-service started: backup %s, remove from inbox %s",
        backup.isPresent() ? "on" : "off", inbox.isPresent() ? "on" : "off");
  }

  /**
   * Runs one message's work, timing it under {@code name} with tags {@code type} and {@code
   * outcome} (the work's answer, or {@code refused}, {@code malformed}, {@code failed}).
   */
  private void timed(String name, String type, Supplier<String> work) {
    Timer.Sample sample = Timer.start(metrics);
    String outcome = "failed";
    try {
      outcome = work.get();
    } catch (UserErrorException | DatasetRequestRefusedException e) {
      outcome = "refused";
      throw e;
    } catch (MalformedMessageException e) {
      outcome = "malformed";
      throw e;
    } finally {
      sample.stop(metrics.timer(name, "type", type, "outcome", outcome));
    }
  }
}
