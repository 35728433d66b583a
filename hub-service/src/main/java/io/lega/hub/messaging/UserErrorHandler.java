package io.lega.hub.messaging;

import io.lega.contracts.IngestionUserError;
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
 * Handles one {@code files.error} message: {@link NodeReportService#failed} records the reason on
 * the submission (state {@code error}, or {@code archived} kept for a refused cancel); it returns
 * once that has committed. Unknown file id, a user other than the file's, a NUL character:
 * quarantined in {@code hub.error} as malformed.
 */
@ApplicationScoped
public class UserErrorHandler implements MessageHandler<IngestionUserError> {

  private final NodeReportService reports;
  private final MeterRegistry metrics;

  public UserErrorHandler(NodeReportService reports, MeterRegistry metrics) {
    this.reports = reports;
    this.metrics = metrics;
  }

  @Override
  public void handle(IngestionUserError message, MessageContext context) throws Exception {
    UUID fileId = FileIds.of(context.correlationId(), RoutingKeys.FILES_ERROR);
    FileIds.storable(RoutingKeys.FILES_ERROR, message.user(), message.filepath(), message.reason());
    ReportTimer.time(
        metrics,
        RoutingKeys.FILES_ERROR,
        () -> {
          OnVertx.await(() -> reports.failed(fileId, message));
          return "recorded";
        });
  }
}
