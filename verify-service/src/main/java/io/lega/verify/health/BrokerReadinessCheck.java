package io.lega.verify.health;

import io.lega.verify.VerifyService;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the broker connection is open and the {@code archived} consumer runs. */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

  private final VerifyService service;

  public BrokerReadinessCheck(VerifyService service) {
    this.service = service;
  }

  @Override
  public HealthCheckResponse call() {
    boolean healthy = service.broker().map(broker -> broker.healthy()).orElse(false);
    return HealthCheckResponse.named("broker")
        .status(healthy)
        .withData("queues", VerifyService.ARCHIVED_QUEUE)
        .build();
  }
}
