package io.lega.hub;

import static io.lega.hub.testing.Http.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.GetResponse;
import io.agroal.api.AgroalDataSource;
import io.lega.contracts.Checksum;
import io.lega.contracts.InboxRemove;
import io.lega.contracts.InboxRename;
import io.lega.contracts.InboxUpload;
import io.lega.hub.testing.Broker;
import io.lega.hub.testing.Http;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.lega.testsupport.quarkus.PostgresResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code files.inbox} messages published by a node (here: the plain AMQP client, in the contracts'
 * wire format) reach the submissions API.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
class InboxMessagesTest {

  private static final String SHA256 =
      "82e4e60e7beb3db2e06a00a079788f7d71f75b61a4b75f28c4c942703dabb6d6";
  private static final String MD5 = "0cc175b9c0f1b6a831c399e269772661";
  private static final long MODIFIED = 1_764_000_000L;

  @TestHTTPResource("/")
  URI base;

  @Inject AgroalDataSource database;

  @Inject MeterRegistry metrics;

  private Http http;
  private Broker node;
  private String user;

  @BeforeEach
  void setUp() throws Exception {
    http = new Http(base);
    node = new Broker();
    user = "sub_" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            http.post(
                    "/api/users",
                    ADMIN,
                    Map.of(
                        "username", user, "email", "s@example.org", "roles", List.of("submitter")))
                .status())
        .isEqualTo(201);
  }

  @AfterEach
  void tearDown() throws Exception {
    node.close();
  }

  private static InboxUpload upload(String user, String path, long size, long modified) {
    return new InboxUpload(
        user, path, size, modified, List.of(Checksum.sha256(SHA256), Checksum.md5(MD5)));
  }

  /** The submission, once the API shows it in a state that satisfies {@code until}. */
  private JsonNode awaitSubmission(UUID id, java.util.function.Predicate<JsonNode> until) {
    JsonNode[] seen = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              Http.Answer answer = http.get("/api/submissions/" + id, ADMIN);
              if (answer.status() != 200) {
                return false;
              }
              seen[0] = answer.json();
              return until.test(seen[0]);
            });
    return seen[0];
  }

  /** How many messages of an operation the hub has handled to the end (committed). */
  private long handled(String operation) {
    Timer timer =
        metrics
            .find("lega.hub.inbox.messages")
            .tags("operation", operation, "outcome", "recorded")
            .timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void uploadRenameAndRemoveReachTheSubmissionsApi() throws Exception {
    UUID id = UUID.randomUUID();

    node.publish("files.inbox", id.toString(), upload(user, "run1/a.bam.c4gh", 1234, MODIFIED));

    JsonNode uploaded = awaitSubmission(id, s -> true);
    assertThat(uploaded.get("id").asText()).isEqualTo(id.toString());
    assertThat(uploaded.get("user").asText()).isEqualTo(user);
    assertThat(uploaded.get("filepath").asText()).isEqualTo("run1/a.bam.c4gh");
    assertThat(uploaded.get("filesize").asLong()).isEqualTo(1234);
    assertThat(Instant.parse(uploaded.get("file_last_modified").asText()))
        .isEqualTo(Instant.ofEpochSecond(MODIFIED));
    assertThat(uploaded.get("state").asText()).isEqualTo("uploaded");
    assertThat(uploaded.get("encrypted_checksums").toString())
        .contains("{\"type\":\"sha256\",\"value\":\"" + SHA256 + "\"}")
        .contains("{\"type\":\"md5\",\"value\":\"" + MD5 + "\"}");
    assertThat(uploaded.get("decrypted_checksums")).isEmpty();

    JsonNode list = http.get("/api/users/" + user + "/submissions", ADMIN).json();
    assertThat(list.get("total").asLong()).isEqualTo(1);
    assertThat(list.get("items").get(0).get("id").asText()).isEqualTo(id.toString());

    node.publish(
        "files.inbox", id.toString(), new InboxRename(user, "run2/a.bam.c4gh", "run1/a.bam.c4gh"));
    JsonNode renamed =
        awaitSubmission(id, s -> s.get("filepath").asText().equals("run2/a.bam.c4gh"));
    assertThat(renamed.get("state").asText()).isEqualTo("uploaded");
    assertThat(renamed.get("filesize").asLong()).isEqualTo(1234);

    node.publish("files.inbox", id.toString(), new InboxRemove(user, "run2/a.bam.c4gh"));
    JsonNode removed = awaitSubmission(id, s -> s.get("state").asText().equals("removed"));
    assertThat(removed.get("filepath").asText()).isEqualTo("run2/a.bam.c4gh");
  }

  @Test
  void theSameUploadTwiceIsOneSubmission() throws Exception {
    UUID id = UUID.randomUUID();
    long before = handled("upload");
    byte[] body =
        io.lega.contracts.MessageCodec.shared().encode(upload(user, "twice.c4gh", 10, MODIFIED));

    node.publish("files.inbox", id.toString(), body);
    node.publish("files.inbox", id.toString(), body);

    await().atMost(Duration.ofSeconds(30)).until(() -> handled("upload") >= before + 2);
    assertThat(count("SELECT count(*) FROM submissions WHERE id = ?", id)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM submission_checksums WHERE submission_id = ?", id))
        .isEqualTo(2);
    JsonNode submission = http.get("/api/submissions/" + id, ADMIN).json();
    assertThat(submission.get("state").asText()).isEqualTo("uploaded");
    assertThat(submission.get("filesize").asLong()).isEqualTo(10);
    assertThat(http.get("/api/users/" + user + "/submissions", ADMIN).json().get("total").asLong())
        .isEqualTo(1);
  }

  @Test
  void aRemovalHandledBeforeItsUploadStaysRemoved() throws Exception {
    UUID id = UUID.randomUUID();
    long before = handled("upload");

    node.publish("files.inbox", id.toString(), new InboxRemove(user, "early.c4gh"));
    awaitSubmission(id, s -> s.get("state").asText().equals("removed"));
    node.publish("files.inbox", id.toString(), upload(user, "early.c4gh", 77, MODIFIED));

    await().atMost(Duration.ofSeconds(30)).until(() -> handled("upload") > before);
    JsonNode submission = http.get("/api/submissions/" + id, ADMIN).json();
    assertThat(submission.get("state").asText()).isEqualTo("removed");
    assertThat(submission.get("filesize").asLong()).isEqualTo(77);
  }

  @Test
  void aNewUploadAtThePathReplacesTheOlderOne() throws Exception {
    UUID older = UUID.randomUUID();
    UUID newer = UUID.randomUUID();

    node.publish("files.inbox", older.toString(), upload(user, "same.c4gh", 1, MODIFIED));
    awaitSubmission(older, s -> true);
    node.publish("files.inbox", newer.toString(), upload(user, "same.c4gh", 2, MODIFIED + 60));

    awaitSubmission(older, s -> s.get("state").asText().equals("removed"));
    assertThat(awaitSubmission(newer, s -> true).get("state").asText()).isEqualTo("uploaded");
  }

  @Test
  void aRenameWithAFreshIdMovesTheFileAtItsOldPath() throws Exception {
    // an inbox on a file system without extended attributes sends a new id with each rename
    UUID id = UUID.randomUUID();
    UUID fresh = UUID.randomUUID();
    node.publish("files.inbox", id.toString(), upload(user, "old/name.c4gh", 9, MODIFIED));
    awaitSubmission(id, s -> true);
    long before = handled("rename");

    InboxRename rename = new InboxRename(user, "new/name.c4gh", "old/name.c4gh");
    node.publish("files.inbox", fresh.toString(), rename);
    JsonNode moved = awaitSubmission(id, s -> s.get("filepath").asText().equals("new/name.c4gh"));
    node.publish("files.inbox", fresh.toString(), rename); // delivered again

    await().atMost(Duration.ofSeconds(30)).until(() -> handled("rename") >= before + 2);
    assertThat(moved.get("state").asText()).isEqualTo("uploaded");
    assertThat(http.get("/api/submissions/" + id, ADMIN).json().get("state").asText())
        .isEqualTo("uploaded");
    assertThat(http.get("/api/submissions/" + fresh, ADMIN).status()).isEqualTo(404);
    assertThat(http.get("/api/users/" + user + "/submissions", ADMIN).json().get("total").asLong())
        .isEqualTo(1);
  }

  @Test
  void aFileRenamedOntoAnotherReplacesIt() throws Exception {
    UUID target = UUID.randomUUID();
    UUID moving = UUID.randomUUID();
    node.publish("files.inbox", target.toString(), upload(user, "target.c4gh", 1, MODIFIED));
    node.publish("files.inbox", moving.toString(), upload(user, "moving.c4gh", 2, MODIFIED));
    awaitSubmission(target, s -> true);
    awaitSubmission(moving, s -> true);

    node.publish(
        "files.inbox", moving.toString(), new InboxRename(user, "target.c4gh", "moving.c4gh"));

    awaitSubmission(target, s -> s.get("state").asText().equals("removed"));
    JsonNode moved = http.get("/api/submissions/" + moving, ADMIN).json();
    assertThat(moved.get("filepath").asText()).isEqualTo("target.c4gh");
    assertThat(moved.get("state").asText()).isEqualTo("uploaded");
  }

  @Test
  void aSubmissionOfAnUnknownUserIsKept() throws Exception {
    String stranger = "stranger_" + UUID.randomUUID().toString().substring(0, 8);
    UUID id = UUID.randomUUID();

    node.publish("files.inbox", id.toString(), upload(stranger, "x.c4gh", 5, MODIFIED));

    assertThat(awaitSubmission(id, s -> true).get("user").asText()).isEqualTo(stranger);
    JsonNode list = http.get("/api/users/" + stranger + "/submissions", ADMIN).json();
    assertThat(list.get("items")).hasSize(1);
    assertThat(http.get("/api/users/" + stranger, ADMIN).status()).isEqualTo(404);
  }

  @Test
  void malformedMessagesAreQuarantinedAndTheConsumerKeepsWorking() throws Exception {
    String notJson = UUID.randomUUID().toString();
    String noPath = UUID.randomUUID().toString();
    String badId = "not-a-uuid-" + UUID.randomUUID();
    String nul = UUID.randomUUID().toString();

    node.publish("files.inbox", notJson, "this is not JSON".getBytes(StandardCharsets.UTF_8));
    node.publish(
        "files.inbox",
        noPath,
        ("{\"user\":\"" + user + "\",\"operation\":\"upload\"}").getBytes(StandardCharsets.UTF_8));
    node.publish("files.inbox", badId, upload(user, "ok.c4gh", 1, MODIFIED));
    node.publish("files.inbox", nul, upload(user, "nul\u0000.c4gh", 1, MODIFIED));

    for (String correlationId : List.of(notJson, noPath, badId, nul)) {
      GetResponse parked = awaitQuarantined(correlationId);
      Map<String, Object> headers = parked.getProps().getHeaders();
      assertThat(String.valueOf(headers.get("x-lega-failure"))).isEqualTo("malformed");
      assertThat(String.valueOf(headers.get("x-lega-source-queue"))).isEqualTo("files.inbox");
      assertThat(String.valueOf(headers.get("x-lega-reason"))).isNotBlank();
    }
    assertThat(new String(awaitQuarantinedBody(notJson), StandardCharsets.UTF_8)) // body kept as is
        .isEqualTo("this is not JSON");

    UUID id = UUID.randomUUID();
    node.publish("files.inbox", id.toString(), upload(user, "after.c4gh", 3, MODIFIED));
    assertThat(awaitSubmission(id, s -> true).get("state").asText()).isEqualTo("uploaded");
  }

  private final Map<String, GetResponse> parked = new java.util.HashMap<>();

  private GetResponse awaitQuarantined(String correlationId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              if (!parked.containsKey(correlationId)) {
                Optional<GetResponse> found = node.quarantined(correlationId);
                found.ifPresent(r -> parked.put(correlationId, r));
              }
              return parked.containsKey(correlationId);
            });
    return parked.get(correlationId);
  }

  private byte[] awaitQuarantinedBody(String correlationId) {
    return awaitQuarantined(correlationId).getBody();
  }

  @Test
  void unknownSubmissionsAre404() {
    assertThat(http.get("/api/submissions/" + UUID.randomUUID(), ADMIN).status()).isEqualTo(404);
    Http.Answer garbage = http.get("/api/submissions/not-an-id", ADMIN);
    assertThat(garbage.status()).isEqualTo(404);
    assertThat(garbage.error()).contains("no submission");
    assertThat(http.get("/api/users/nobody_at_all/submissions", ADMIN).status()).isEqualTo(404);
    assertThat(http.get("/api/users/" + user + "/submissions", ADMIN).json().get("items"))
        .isEmpty();
  }

  private long count(String sql, UUID id) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, id);
      try (ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
