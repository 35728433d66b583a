package io.lega.hub.messaging;

import io.lega.contracts.AccessionRequest;
import io.lega.contracts.IngestionAccession;
import io.lega.contracts.RoutingKeys;
import io.lega.hub.service.NodeOutbox;
import io.lega.hub.service.NodeReportService;
import io.lega.platform.broker.FileIds;
import io.lega.platform.broker.MessageContext;
import io.lega.platform.broker.MessageHandler;
import io.lega.platform.reactive.OnVertx;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/**
 * Handles one {@code files.verified} message (an accession request): {@link
 * NodeReportService#verified} gives the file its accession id, once, and commits; then the {@code
 * accession} message goes to the node, confirmed by the broker before this returns (so before the
 * acknowledgement). If sending fails, the message is retried as a system error: the retry finds the
 * accession id already issued and sends the same one again. A file the hub cancelled, or that is in
 * error, gets no accession id.
 *
 * <p>Unknown file id, a correlation id that is not a UUID, a user other than the file's: {@link
 * io.lega.contracts.MalformedMessageException} (quarantined in {@code hub.error}).
 */
@ApplicationScoped
public class AccessionRequestHandler implements MessageHandler<AccessionRequest> {

  private final NodeReportService reports;
  private final NodeOutbox outbox;
  private final MeterRegistry metrics;

  public AccessionRequestHandler(
      NodeReportService reports, NodeOutbox outbox, MeterRegistry metrics) {
    this.reports = reports;
    this.outbox = outbox;
    this.metrics = metrics;
  }

  @Override
  public void handle(AccessionRequest message, MessageContext context) throws Exception {
    UUID fileId = FileIds.of(context.correlationId(), RoutingKeys.FILES_VERIFIED);
    FileIds.storable(RoutingKeys.FILES_VERIFIED, message.user(), message.filepath());
    ReportTimer.time(
        metrics,
        RoutingKeys.FILES_VERIFIED,
        () -> {
          Optional<IngestionAccession> accession =
              OnVertx.await(() -> reports.verified(fileId, message));
          if (accession.isEmpty()) {
            return "ignored";
          }
          outbox.send(accession.get(), fileId.toString());
          return "recorded";
        });
  }
}
