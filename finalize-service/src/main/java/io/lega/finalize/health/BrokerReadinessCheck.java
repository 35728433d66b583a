package io.lega.finalize.health;

import io.lega.finalize.FinalizeService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the broker connection is open and both consumers ({@code accession}, {@code
 * mappings}) run; down while the client reconnects.
 */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

  private final FinalizeService service;

  public BrokerReadinessCheck(FinalizeService service) {
    this.service = service;
  }

  @Override
  public HealthCheckResponse call() {
    boolean healthy = service.broker().map(broker -> broker.healthy()).orElse(false);
    return HealthCheckResponse.named("broker")
        .status(healthy)
        .withData("queues", FinalizeService.ACCESSION_QUEUE + ", " + FinalizeService.MAPPINGS_QUEUE)
        .build();
  }
}
