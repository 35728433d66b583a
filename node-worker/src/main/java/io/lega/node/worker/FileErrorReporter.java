package io.lega.node.worker;

import io.lega.contracts.FileMessage;
import io.lega.contracts.IngestionUserError;
import io.lega.contracts.RoutingKeys;
import io.lega.node.store.NewEvent;
import io.lega.node.store.NodeStore;
import io.lega.node.store.UnknownFileException;
import io.lega.node.store.model.FileEvent;
import io.lega.platform.broker.FileIds;
import io.lega.platform.broker.MessageContext;
import io.lega.platform.broker.UserErrorReporter;
import io.lega.platform.error.UserErrorException;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reports a user error about a file, as the protocol asks: records an {@code error} event with the
 * reason on the file (if the node knows it), then publishes {@code files.error} (user, filepath,
 * reason) to the hub with the file's id as correlation id. Both steps are idempotent, so a report
 * repeated after a crash changes nothing twice; if either fails, the consumer retries the message.
 *
 * <p>A {@link RefusedRequestException} leaves the file as it is: no event is recorded.
 *
 * <p>Handlers that must undo something first (remove archived objects) do so before throwing the
 * {@link UserErrorException}.
 */
public final class FileErrorReporter implements UserErrorReporter<Object> {

  private static final Logger LOG = Logger.getLogger(FileErrorReporter.class);

  private final NodeStore store;
  private final NodeBroker broker;
  private final String actor;

  /**
   * @param store the node's files
   * @param broker where {@code files.error} is published
   * @param actor the service, recorded on the error event
   */
  public FileErrorReporter(NodeStore store, NodeBroker broker, String actor) {
    this.store = store;
    this.broker = broker;
    this.actor = actor;
  }

  @Override
  public void report(UserErrorException error, Object message, MessageContext context) {
    String user = error.user().orElse(message instanceof FileMessage m ? m.user() : null);
    String filepath =
        error.filepath().orElse(message instanceof FileMessage m ? m.filepath() : null);
    UUID fileId = FileIds.of(context);
    if (!(error instanceof RefusedRequestException)) {
      try {
        store.recordEvent(fileId, new NewEvent(FileEvent.ERROR, actor, error.reason(), null));
      } catch (UnknownFileException e) {
        LOG.debugf("file %s is not known to the node: no error event", fileId);
      }
    }
    if (user == null || filepath == null) {
      LOG.warnf(
          "user error without user or file path, not reported to the hub: %s", error.reason());
      return;
    }
    broker.toHub(
        RoutingKeys.FILES_ERROR,
        new IngestionUserError(user, filepath, error.reason()),
        context.correlationId());
    LOG.infof("reported to the hub: %s", error.reason());
  }
}
