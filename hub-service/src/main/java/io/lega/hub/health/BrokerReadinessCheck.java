package io.lega.hub.health;

import io.lega.hub.messaging.HubBroker;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when {@code files.inbox}, {@code files.verified}, {@code files.completed} and {@code
 * files.error} are consumed over an open connection (or consuming is switched off). The database's
 * own readiness checks come with the datasource extensions.
 */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

  private final HubBroker broker;

  public BrokerReadinessCheck(HubBroker broker) {
    this.broker = broker;
  }

  @Override
  public HealthCheckResponse call() {
    if (!broker.enabled()) {
      return HealthCheckResponse.named("broker").up().withData("consuming", "disabled").build();
    }
    return HealthCheckResponse.named("broker")
        .status(broker.consuming())
        .withData("queues", String.join(",", broker.queues()))
        .build();
  }
}
