package io.lega.hub;

import static io.lega.hub.testing.Http.ADMIN;
import static io.lega.hub.testing.Node.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lega.hub.config.HubConfig;
import io.lega.hub.testing.Broker;
import io.lega.hub.testing.Http;
import io.lega.hub.testing.Node;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.lega.testsupport.quarkus.PostgresResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code lega.hub.ingest-on-upload=true}: uploads are ingested at once, unless a user opts out. */
@QuarkusTest
@TestProfile(IngestOnUploadTest.GlobalSwitchOn.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
class IngestOnUploadTest {

  /** The global switch on. */
  public static class GlobalSwitchOn implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("lega.hub.ingest-on-upload", "true");
    }
  }

  @TestHTTPResource("/")
  URI base;

  @Inject HubConfig config;

  @Inject MeterRegistry metrics;

  private Http http;
  private Broker broker;
  private Node node;

  @BeforeEach
  void setUp() throws Exception {
    http = new Http(base);
    broker = new Broker();
    node = new Node(http, broker, config.broker().nodes().get(0));
  }

  @AfterEach
  void tearDown() throws Exception {
    broker.close();
  }

  private String newUser(Boolean ingestOnUpload) {
    String name = "auto_" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = new HashMap<>();
    body.put("username", name);
    body.put("email", "a@example.org");
    body.put("roles", List.of("submitter"));
    if (ingestOnUpload != null) {
      body.put("ingest_on_upload", ingestOnUpload);
    }
    assertThat(http.post("/api/users", ADMIN, body).status()).isEqualTo(201);
    return name;
  }

  private long uploadsHandled() {
    Timer timer =
        metrics
            .find("lega.hub.inbox.messages")
            .tags("operation", "upload", "outcome", "recorded")
            .timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void anUploadIsIngestedAtOnceAndOnlyOnce() throws Exception {
    assertThat(config.ingestOnUpload()).isTrue();
    String user = newUser(null);
    UUID id = UUID.randomUUID();
    long before = uploadsHandled();

    node.publishUpload(id, user, "global/file.c4gh");

    assertThat(json(node.awaitMessageAbout(id)).get("type").asText()).isEqualTo("ingest");
    node.awaitState(id, "ingesting");
    node.publishUpload(id, user, "global/file.c4gh"); // delivered again
    await().atMost(Duration.ofSeconds(30)).until(() -> uploadsHandled() >= before + 2);
    assertThat(node.pendingAbout(id)).isZero();
  }

  @Test
  void anUnknownUsersUploadFollowsTheGlobalSwitch() throws Exception {
    String stranger = "stranger_" + UUID.randomUUID().toString().substring(0, 8);
    UUID id = node.publishUpload(stranger, "stranger.c4gh");

    assertThat(json(node.awaitMessageAbout(id)).get("user").asText()).isEqualTo(stranger);
    node.awaitState(id, "ingesting");
  }

  @Test
  void aUserWhoOptedOutWaitsForATrigger() throws Exception {
    String user = newUser(false);
    assertThat(http.get("/api/users/" + user, ADMIN).json().get("ingest_on_upload").asBoolean(true))
        .isFalse();
    long before = uploadsHandled();

    UUID id = node.publishUpload(user, "manual/file.c4gh");

    await().atMost(Duration.ofSeconds(30)).until(() -> uploadsHandled() > before);
    assertThat(node.awaitSubmission(id, s -> true).get("state").asText()).isEqualTo("uploaded");
    assertThat(node.pendingAbout(id)).isZero();
    assertThat(http.post("/api/submissions/" + id + "/ingest", ADMIN, null).status())
        .isEqualTo(202);
    assertThat(json(node.awaitMessageAbout(id)).get("type").asText()).isEqualTo("ingest");
  }
}
