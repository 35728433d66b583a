package io.lega.hub.messaging;

import io.lega.contracts.InboxMessage;
import io.lega.contracts.InboxRename;
import io.lega.contracts.MalformedMessageException;
import io.lega.contracts.RoutingKeys;
import io.lega.hub.service.SubmissionService;
import io.lega.platform.broker.FileIds;
import io.lega.platform.broker.MessageContext;
import io.lega.platform.broker.MessageHandler;
import io.lega.platform.reactive.OnVertx;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Handles one {@code files.inbox} message: records the upload, rename or removal of the file whose
 * id is the message's correlation id ({@link SubmissionService#record}); with ingest on upload, an
 * upload also sends {@code ingest} (confirmed by the broker before the transaction commits). It
 * returns once the transaction has committed, so {@code QueueConsumer} acknowledges only then; it
 * never acknowledges itself.
 *
 * <ul>
 *   <li>No correlation id, or one that is not a UUID, or a NUL character in a user or path: {@link
 *       MalformedMessageException} (quarantined in {@code hub.error}, never retried).
 *   <li>The database fails: the exception propagates as a system error (retried with back-off, then
 *       quarantined).
 * </ul>
 *
 * It runs on the consumer's worker threads and waits there for the transaction, which Hibernate
 * Reactive runs on a Vert.x context ({@link OnVertx}).
 */
@ApplicationScoped
public class InboxMessageHandler implements MessageHandler<InboxMessage> {

  private static final Logger LOG = Logger.getLogger(InboxMessageHandler.class);

  private final SubmissionService submissions;
  private final MeterRegistry metrics;

  public InboxMessageHandler(SubmissionService submissions, MeterRegistry metrics) {
    this.submissions = submissions;
    this.metrics = metrics;
  }

  @Override
  public void handle(InboxMessage message, MessageContext context) throws Exception {
    UUID fileId = fileId(context.correlationId());
    storable(message);
    Timer.Sample sample = Timer.start(metrics);
    String outcome = "failed";
    try {
      String what = OnVertx.await(() -> submissions.record(fileId, message));
      outcome = "recorded";
      LOG.infof("%s of %s: %s", message.operation(), message.filepath(), what);
    } finally {
      sample.stop(
          metrics.timer(
              "lega.hub.inbox.messages", "operation", message.operation(), "outcome", outcome));
    }
  }

  /**
   * PostgreSQL text cannot hold NUL: such a message could never be recorded, so it is malformed.
   */
  static void storable(InboxMessage message) {
    List<String> texts = new ArrayList<>(List.of(message.user(), message.filepath()));
    if (message instanceof InboxRename rename) {
      texts.add(rename.oldpath());
    }
    if (texts.stream().anyMatch(text -> text.indexOf('\0') >= 0)) {
      throw new MalformedMessageException(
          "a files.inbox message with a NUL character in its user or path cannot be recorded");
    }
  }

  /** The file's id: the protocol makes the correlation id the file's UUID. */
  static UUID fileId(String correlationId) {
    return FileIds.of(correlationId, RoutingKeys.FILES_INBOX);
  }
}
