package io.lega.hub.messaging;

import io.lega.contracts.IngestionCompletion;
import io.lega.contracts.RoutingKeys;
import io.lega.hub.service.NodeReportService;
import io.lega.platform.broker.FileIds;
import io.lega.platform.broker.MessageContext;
import io.lega.platform.broker.MessageHandler;
import io.lega.platform.reactive.OnVertx;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * Handles one {@code files.completed} message: {@link NodeReportService#completed} marks the file
 * archived and records its accession id and decrypted checksums; it returns once that has
 * committed. Unknown file id, a user other than the file's, an accession id other than the one the
 * hub issued: quarantined in {@code hub.error} as malformed.
 */
@ApplicationScoped
public class CompletionHandler implements MessageHandler<IngestionCompletion> {

  private final NodeReportService reports;
  private final MeterRegistry metrics;

  public CompletionHandler(NodeReportService reports, MeterRegistry metrics) {
    this.reports = reports;
    this.metrics = metrics;
  }

  @Override
  public void handle(IngestionCompletion message, MessageContext context) throws Exception {
    UUID fileId = FileIds.of(context.correlationId(), RoutingKeys.FILES_COMPLETED);
    FileIds.storable(RoutingKeys.FILES_COMPLETED, message.user(), message.filepath());
    ReportTimer.time(
        metrics,
        RoutingKeys.FILES_COMPLETED,
        () -> {
          OnVertx.await(() -> reports.completed(fileId, message));
          return "recorded";
        });
  }
}
