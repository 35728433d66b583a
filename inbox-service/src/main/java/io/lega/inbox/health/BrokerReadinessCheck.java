package io.lega.inbox.health;

import io.lega.inbox.config.InboxConfig;
import io.lega.platform.broker.BrokerConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the broker connection is open (down while the client reconnects: uploads closed then
 * fail); always up with {@code lega.inbox.notifier=log}, which uses no broker.
 */
@Readiness
@ApplicationScoped
public class BrokerReadinessCheck implements HealthCheck {

  private final InboxConfig config;
  private final Instance<BrokerConnection> connection;

  public BrokerReadinessCheck(InboxConfig config, Instance<BrokerConnection> connection) {
    this.config = config;
    this.connection = connection;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("broker");
    if (config.notifier() == InboxConfig.NotifierKind.LOG) {
      return response.up().withData("notifier", "log").build();
    }
    InboxConfig.Broker broker = config.broker();
    response.withData("broker", broker.host() + ":" + broker.port());
    return (connection.get().isOpen() ? response.up() : response.down()).build();
  }
}
