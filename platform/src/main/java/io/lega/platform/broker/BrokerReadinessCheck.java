package io.lega.platform.broker;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@value #NAME} of every service: up while the service's {@link Broker} is
 * {@linkplain Broker#healthy() healthy} (its connection open and every consumer running), down
 * while the client reconnects and after the shutdown; always up for a {@linkplain Broker#disabled
 * disabled} broker. Its data names the queues consumed (or why there is no broker).
 */
@Readiness
@Singleton
public class BrokerReadinessCheck implements HealthCheck {

  /** The check's name. */
  public static final String NAME = "broker";

  private final Instance<Broker> broker;

  /**
   * @param broker the service's broker side (a CDI-produced bean)
   */
  public BrokerReadinessCheck(Instance<Broker> broker) {
    this.broker = broker;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
    Broker current = broker.get();
    if (current.isDisabled()) {
      return response.up().withData("disabled", current.disabledBecause()).build();
    }
    return response
        .status(current.healthy())
        .withData("queues", String.join(", ", current.queues()))
        .build();
  }
}
