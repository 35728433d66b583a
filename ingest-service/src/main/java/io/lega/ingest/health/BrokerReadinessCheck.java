package io.lega.ingest.health;

import io.lega.ingest.IngestService;
import io.lega.node.worker.NodeBroker;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the broker connection is open and the {@code ingest} consumer runs. */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

  private final IngestService service;

  public BrokerReadinessCheck(IngestService service) {
    this.service = service;
  }

  @Override
  public HealthCheckResponse call() {
    boolean healthy = service.broker().map(NodeBroker::healthy).orElse(false);
    return HealthCheckResponse.named("broker")
        .status(healthy)
        .withData("queues", IngestService.INGEST_QUEUE)
        .build();
  }
}
