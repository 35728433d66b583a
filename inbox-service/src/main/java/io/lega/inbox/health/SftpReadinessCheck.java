package io.lega.inbox.health;

import io.lega.inbox.InboxService;
import io.lega.inbox.sftp.InboxSftpServer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the SFTP server listens; reports its port. */
@Readiness
@ApplicationScoped
public class SftpReadinessCheck implements HealthCheck {

  private final InboxService inbox;

  public SftpReadinessCheck(InboxService inbox) {
    this.inbox = inbox;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response = HealthCheckResponse.named("sftp");
    InboxSftpServer server = inbox.server().orElse(null);
    if (server == null || !server.isRunning()) {
      return response.down().build();
    }
    return response.up().withData("port", server.port()).build();
  }
}
