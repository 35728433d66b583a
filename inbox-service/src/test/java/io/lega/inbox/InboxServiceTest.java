package io.lega.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.inbox.config.InboxConfig;
import io.lega.inbox.ingestion.InMemoryIngestionGuard;
import io.lega.inbox.ingestion.IngestionGuard;
import io.lega.inbox.notify.ContractInboxNotifier;
import io.lega.inbox.notify.InboxNotifier;
import io.lega.inbox.sftp.HostKeyAlgorithm;
import io.lega.inbox.sftp.InboxSftpServer;
import io.lega.platform.broker.Broker;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The SFTP server starts with the application, from its configuration, connected to the broker, and
 * reports readiness.
 */
@QuarkusTest
@WithTestResource(AmqpBrokerResource.class)
class InboxServiceTest {

  @Inject InboxService inbox;
  @Inject InboxConfig config;
  @Inject InboxNotifier notifier;
  @Inject Broker broker;
  @Inject IngestionGuard guard;

  @TestHTTPResource("/q/health/ready")
  URI ready;

  @Test
  void sftpServerRunsWithTheApplication() throws Exception {
    InboxSftpServer server = inbox.server().orElseThrow();
    assertThat(server.isRunning()).isTrue();
    assertThat(server.port()).isPositive();
    Path hostKey = config.sftp().hostKeyPath();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(hostKey)))
        .isEqualTo("rw-------");

    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"sftp\"").contains("\"port\": " + server.port());
    assertThat(health.body()).contains("\"broker\"");
  }

  @Test
  void theIngestionGuardIsInMemoryAndNeedsNoDatabase() {
    assertThat(config.ingestionGuard()).isEqualTo(InboxConfig.IngestionGuardKind.MEMORY);
    assertThat(guard).isInstanceOf(InMemoryIngestionGuard.class);
  }

  @Test
  void notificationsGoToTheBroker() {
    assertThat(notifier).isInstanceOf(ContractInboxNotifier.class);
    assertThat(broker.connection().isOpen()).isTrue();
    assertThat(broker.connection().name()).isEqualTo("inbox-service");
    assertThat(broker.settings().port()).isEqualTo(config.broker().port());
  }

  @Test
  void defaults() {
    assertThat(config.hub().allowedRoles()).isEqualTo(Set.of("submitter"));
    assertThat(config.hub().cacheTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.hub().token()).isEmpty();
    assertThat(config.sftp().hostKeyAlgorithm()).isEqualTo(HostKeyAlgorithm.ED25519);
    assertThat(config.storage().quotaBytes()).isZero();
    assertThat(config.notifier()).isEqualTo(InboxConfig.NotifierKind.BROKER);
    assertThat(config.broker().tls()).isFalse();
    assertThat(config.broker().confirmTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.broker().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.broker().maxBackoff()).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.broker().nodeName()).isEqualTo("node1");
    assertThat(config.broker().topologySide()).isEqualTo(InboxConfig.TopologySide.NODE);
    assertThat(config.ingestionGuardTimeout()).isEqualTo(Duration.ofSeconds(5));
  }
}
