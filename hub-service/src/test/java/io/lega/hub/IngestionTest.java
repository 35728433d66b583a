package io.lega.hub;

import static io.lega.hub.testing.Http.ADMIN;
import static io.lega.hub.testing.Http.SERVICE;
import static io.lega.hub.testing.Node.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.lega.contracts.Checksum;
import io.lega.contracts.HubToNodeMessage;
import io.lega.contracts.IngestionAccession;
import io.lega.contracts.IngestionTrigger;
import io.lega.contracts.IngestionUserError;
import io.lega.contracts.MessageCodec;
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
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ingestion driven by the hub: the API triggers and cancels, the hub's messages arrive on {@code
 * to_node.<node>} in the protocol's shapes, and the node's reports ({@code files.verified}, {@code
 * files.completed}, {@code files.error}) reach the submissions API. The node is played by the plain
 * AMQP client.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
class IngestionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/")
  URI base;

  @Inject HubConfig config;

  @Inject MeterRegistry metrics;

  private Http http;
  private Broker broker;
  private Node node;
  private String user;

  @BeforeEach
  void setUp() throws Exception {
    http = new Http(base);
    broker = new Broker();
    node = new Node(http, broker, config.broker().nodes().get(0));
    user = newUser(null);
  }

  @AfterEach
  void tearDown() throws Exception {
    broker.close();
  }

  /** Registers a user; {@code ingestOnUpload} as given ({@code null}: not in the request). */
  private String newUser(Boolean ingestOnUpload) {
    String name = "ing_" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> body = new HashMap<>();
    body.put("username", name);
    body.put("email", "i@example.org");
    body.put("roles", List.of("submitter"));
    if (ingestOnUpload != null) {
      body.put("ingest_on_upload", ingestOnUpload);
    }
    Http.Answer created = http.post("/api/users", ADMIN, body);
    assertThat(created.status()).isEqualTo(201);
    return name;
  }

  private long handled(String queue, String outcome) {
    Timer timer =
        metrics.find("lega.hub.node.reports").tags("queue", queue, "outcome", outcome).timer();
    return timer == null ? 0 : timer.count();
  }

  private long uploadsHandled() {
    Timer timer =
        metrics
            .find("lega.hub.inbox.messages")
            .tags("operation", "upload", "outcome", "recorded")
            .timer();
    return timer == null ? 0 : timer.count();
  }

  private static List<String> checksums(JsonNode list) {
    List<String> result = new ArrayList<>();
    list.forEach(c -> result.add(c.get("type").asText() + ":" + c.get("value").asText()));
    return result;
  }

  private GetResponse awaitQuarantined(String correlationId) {
    GetResponse[] found = new GetResponse[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Optional<GetResponse> taken = broker.quarantined(correlationId);
              taken.ifPresent(r -> found[0] = r);
              return taken.isPresent();
            });
    return found[0];
  }

  // ------------------------------------------------------------------------ trigger and cancel

  @Test
  void aTriggerSendsTheIngestMessageToTheNode() throws Exception {
    UUID id = node.upload(user, "run1/sample.bam.c4gh");

    Http.Answer answer = http.post("/api/submissions/" + id + "/ingest", ADMIN, null);

    assertThat(answer.status()).isEqualTo(202);
    assertThat(answer.json().get("id").asText()).isEqualTo(id.toString());
    assertThat(answer.json().get("state").asText()).isEqualTo("ingesting");
    GetResponse sent = node.awaitMessageAbout(id);
    assertThat(sent.getEnvelope().getExchange()).isEqualTo("hub");
    assertThat(sent.getEnvelope().getRoutingKey()).isEqualTo(node.queue());
    assertThat(sent.getProps().getCorrelationId()).isEqualTo(id.toString());
    assertThat(sent.getProps().getContentType()).isEqualTo("application/json");
    assertThat(sent.getProps().getDeliveryMode()).isEqualTo(2);
    assertThat(json(sent))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"ingest\",\"user\":\""
                    + user
                    + "\",\"filepath\":\"run1/sample.bam.c4gh\",\"encrypted_checksums\":["
                    + "{\"type\":\"sha256\",\"value\":\""
                    + Node.SHA256
                    + "\"},{\"type\":\"md5\",\"value\":\""
                    + Node.MD5
                    + "\"}]}"));
    HubToNodeMessage decoded = MessageCodec.shared().decodeHubToNode(sent.getBody());
    assertThat(decoded)
        .isEqualTo(
            new IngestionTrigger(
                user,
                "run1/sample.bam.c4gh",
                List.of(Checksum.sha256(Node.SHA256), Checksum.md5(Node.MD5))));
    assertThat(http.get("/api/submissions/" + id, ADMIN).json().get("state").asText())
        .isEqualTo("ingesting");

    Http.Answer again = http.post("/api/submissions/" + id + "/ingest", ADMIN, null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error())
        .contains(id.toString())
        .contains("is ingesting")
        .contains("only uploaded, error or cancelled submissions can be ingested");
    assertThat(node.pendingAbout(id)).isZero();
  }

  @Test
  void aTriggerCarriesTheDecryptedChecksumsTheSubmitterDeclared() throws Exception {
    UUID plain = node.upload(user, "declared/none.c4gh");
    UUID declared = node.upload(user, "declared/some.c4gh");

    assertThat(http.post("/api/submissions/" + plain + "/ingest", ADMIN, "{}").status())
        .isEqualTo(202);
    Http.Answer answer =
        http.post(
            "/api/submissions/" + declared + "/ingest",
            ADMIN,
            Map.of(
                "decrypted_checksums",
                List.of(Map.of("type", "sha256", "value", Node.PLAIN_SHA256))));

    assertThat(answer.status()).isEqualTo(202);
    assertThat(json(node.awaitMessageAbout(plain)).has("decrypted_checksums")).isFalse();
    GetResponse sent = node.awaitMessageAbout(declared);
    assertThat(checksums(json(sent).get("decrypted_checksums")))
        .containsExactly("sha256:" + Node.PLAIN_SHA256);
    assertThat(MessageCodec.shared().decodeHubToNode(sent.getBody()))
        .isEqualTo(
            new IngestionTrigger(
                user,
                "declared/some.c4gh",
                List.of(Checksum.sha256(Node.SHA256), Checksum.md5(Node.MD5)),
                List.of(Checksum.sha256(Node.PLAIN_SHA256))));

    UUID refused = node.upload(user, "declared/bad.c4gh");
    Http.Answer shortValue =
        http.post(
            "/api/submissions/" + refused + "/ingest",
            ADMIN,
            "{\"decrypted_checksums\": [{\"type\": \"md5\", \"value\": \"abc\"}]}");
    assertThat(shortValue.status()).isEqualTo(400);
    assertThat(shortValue.error())
        .isEqualTo("decrypted_checksums[0]: a md5 value is 32 hexadecimal digits");
    Http.Answer unknownType =
        http.post(
            "/api/submissions/" + refused + "/ingest",
            ADMIN,
            "{\"decrypted_checksums\": [{\"type\": \"sha1\", \"value\": \"abc\"}]}");
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(unknownType.error()).contains("decrypted_checksums[0].type");
    Http.Answer unknownField =
        http.post("/api/submissions/" + refused + "/ingest", ADMIN, "{\"checksums\": []}");
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.error()).isEqualTo("unknown field 'checksums' in the request body");
    assertThat(http.post("/api/submissions/" + refused + "/ingest", ADMIN, "not json").status())
        .isEqualTo(400);
    assertThat(http.get("/api/submissions/" + refused, ADMIN).json().get("state").asText())
        .isEqualTo("uploaded");
    assertThat(node.pendingAbout(refused)).isZero();
  }

  @Test
  void triggersNeedAKnownSubmissionAndTheAdminToken() throws Exception {
    UUID unknown = UUID.randomUUID();
    for (String action : List.of("ingest", "cancel")) {
      Http.Answer missing = http.post("/api/submissions/" + unknown + "/" + action, ADMIN, null);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.error()).isEqualTo("no submission with id " + unknown);
      Http.Answer garbage = http.post("/api/submissions/not-a-uuid/" + action, ADMIN, null);
      assertThat(garbage.status()).isEqualTo(404);
      assertThat(garbage.error()).contains("no submission with id 'not-a-uuid'");
    }
    UUID id = node.upload(user, "guarded.c4gh");
    Http.Answer anonymous = http.post("/api/submissions/" + id + "/ingest", null, null);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.wwwAuthenticate()).startsWith("Bearer");
    assertThat(
            http.post("/api/submissions/" + id + "/ingest", "wrong-token-0123456789", null)
                .status())
        .isEqualTo(401);
    assertThat(http.post("/api/submissions/" + id + "/ingest", SERVICE, null).status())
        .isEqualTo(403);
    assertThat(http.post("/api/submissions/" + id + "/cancel", null, null).status()).isEqualTo(401);
    assertThat(http.get("/api/submissions?state=uploaded", null).status()).isEqualTo(401);
    assertThat(http.get("/api/submissions/" + id, ADMIN).json().get("state").asText())
        .isEqualTo("uploaded");
    assertThat(node.pendingAbout(id)).isZero();
  }

  @Test
  void aCancelSendsTheCancelMessageAndAllowsAnotherTrigger() throws Exception {
    UUID id = node.upload(user, "cancel/me.c4gh");
    Http.Answer early = http.post("/api/submissions/" + id + "/cancel", ADMIN, null);
    assertThat(early.status()).isEqualTo(409);
    assertThat(early.error())
        .contains("is uploaded")
        .contains("only ingesting, verified or archived submissions can be cancelled");

    assertThat(http.post("/api/submissions/" + id + "/ingest", ADMIN, null).status())
        .isEqualTo(202);
    assertThat(json(node.awaitMessageAbout(id)).get("type").asText()).isEqualTo("ingest");
    Http.Answer cancelled = http.post("/api/submissions/" + id + "/cancel", ADMIN, null);

    assertThat(cancelled.status()).isEqualTo(202);
    assertThat(cancelled.json().get("state").asText()).isEqualTo("cancelled");
    GetResponse sent = node.awaitMessageAbout(id);
    assertThat(sent.getProps().getCorrelationId()).isEqualTo(id.toString());
    assertThat(json(sent))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"cancel\",\"user\":\"" + user + "\",\"filepath\":\"cancel/me.c4gh\"}"));
    assertThat(http.post("/api/submissions/" + id + "/cancel", ADMIN, null).status())
        .isEqualTo(409);

    Http.Answer again = http.post("/api/submissions/" + id + "/ingest", ADMIN, null);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().get("state").asText()).isEqualTo("ingesting");
    assertThat(json(node.awaitMessageAbout(id)).get("type").asText()).isEqualTo("ingest");
  }

  @Test
  void submissionsAreListedByState() throws Exception {
    UUID waiting = node.upload(user, "list/a.c4gh");
    UUID going = node.upload(user, "list/b.c4gh");
    assertThat(http.post("/api/submissions/" + going + "/ingest", ADMIN, null).status())
        .isEqualTo(202);
    node.awaitMessageAbout(going);

    JsonNode ingesting = http.get("/api/submissions?state=ingesting&page=0&size=500", ADMIN).json();
    List<String> ids = new ArrayList<>();
    ingesting.get("items").forEach(s -> ids.add(s.get("id").asText()));
    assertThat(ids).contains(going.toString()).doesNotContain(waiting.toString());
    ingesting.get("items").forEach(s -> assertThat(s.get("state").asText()).isEqualTo("ingesting"));
    assertThat(ingesting.get("page").asInt()).isZero();
    assertThat(ingesting.get("size").asInt()).isEqualTo(500);
    assertThat(ingesting.get("total").asLong()).isEqualTo(ids.size());

    JsonNode firstPage = http.get("/api/submissions?state=uploaded&size=1", ADMIN).json();
    assertThat(firstPage.get("items")).hasSize(1);
    assertThat(firstPage.get("total").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(firstPage.get("items").get(0).get("state").asText()).isEqualTo("uploaded");
    JsonNode all = http.get("/api/submissions?size=500", ADMIN).json();
    assertThat(all.get("total").asLong())
        .isGreaterThanOrEqualTo(ingesting.get("total").asLong() + 1);

    Http.Answer bogus = http.get("/api/submissions?state=bogus", ADMIN);
    assertThat(bogus.status()).isEqualTo(400);
    assertThat(bogus.error()).contains("unknown state 'bogus'").contains("ingesting");
    assertThat(http.get("/api/submissions?state=uploaded&size=0", ADMIN).status()).isEqualTo(400);
  }

  // ----------------------------------------------------------------------- ingest on upload

  @Test
  void aUserWithIngestOnUploadIsIngestedOnceOnUpload() throws Exception {
    String eager = newUser(true);
    JsonNode view = http.get("/api/users/" + eager, ADMIN).json();
    assertThat(view.get("ingest_on_upload").asBoolean()).isTrue();
    UUID id = UUID.randomUUID();
    long before = uploadsHandled();

    node.publishUpload(id, eager, "auto/file.c4gh");

    GetResponse sent = node.awaitMessageAbout(id);
    assertThat(json(sent).get("type").asText()).isEqualTo("ingest");
    assertThat(json(sent).get("user").asText()).isEqualTo(eager);
    assertThat(json(sent).get("filepath").asText()).isEqualTo("auto/file.c4gh");
    assertThat(checksums(json(sent).get("encrypted_checksums")))
        .containsExactly("sha256:" + Node.SHA256, "md5:" + Node.MD5);
    assertThat(node.awaitState(id, "ingesting").get("user").asText()).isEqualTo(eager);

    node.publishUpload(id, eager, "auto/file.c4gh"); // delivered again
    await().atMost(Duration.ofSeconds(30)).until(() -> uploadsHandled() >= before + 2);
    assertThat(node.pendingAbout(id)).isZero();
    assertThat(http.get("/api/submissions/" + id, ADMIN).json().get("state").asText())
        .isEqualTo("ingesting");
  }

  @Test
  void theUsersSwitchIsSetAndClearedThroughTheUserApi() throws Exception {
    String name = newUser(null);
    assertThat(http.get("/api/users/" + name, ADMIN).json().get("ingest_on_upload").isNull())
        .isTrue();
    // global off, user unset: an upload waits for a trigger
    long before = uploadsHandled();
    UUID waits = node.publishUpload(name, "waits.c4gh");
    await().atMost(Duration.ofSeconds(30)).until(() -> uploadsHandled() > before);
    assertThat(node.awaitSubmission(waits, s -> true).get("state").asText()).isEqualTo("uploaded");
    assertThat(node.pendingAbout(waits)).isZero();

    Http.Answer on = http.patch("/api/users/" + name, ADMIN, Map.of("ingest_on_upload", true));
    assertThat(on.status()).isEqualTo(200);
    assertThat(on.json().get("ingest_on_upload").asBoolean()).isTrue();
    UUID goes = node.publishUpload(name, "goes.c4gh");
    assertThat(json(node.awaitMessageAbout(goes)).get("type").asText()).isEqualTo("ingest");
    node.awaitState(goes, "ingesting");

    Http.Answer untouched = http.patch("/api/users/" + name, ADMIN, Map.of("enabled", true));
    assertThat(untouched.json().get("ingest_on_upload").asBoolean()).isTrue();
    Http.Answer cleared = http.patch("/api/users/" + name, ADMIN, "{\"ingest_on_upload\": null}");
    assertThat(cleared.status()).isEqualTo(200);
    assertThat(cleared.json().get("ingest_on_upload").isNull()).isTrue();
    Http.Answer off =
        http.put(
            "/api/users/" + name,
            ADMIN,
            Map.of(
                "email",
                "i@example.org",
                "ssh_public_keys",
                List.of(),
                "roles",
                List.of("submitter"),
                "ingest_on_upload",
                false));
    assertThat(off.status()).isEqualTo(200);
    assertThat(off.json().get("ingest_on_upload").asBoolean(true)).isFalse();
    Http.Answer wrongType =
        http.patch("/api/users/" + name, ADMIN, Map.of("ingest_on_upload", "sometimes"));
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.error()).contains("ingest_on_upload");
  }

  // ------------------------------------------------------------------------- node reports

  @Test
  void aVerifiedFileGetsOneAccessionIdEvenWhenAskedTwice() throws Exception {
    UUID id = node.upload(user, "acc/one.c4gh");
    assertThat(http.post("/api/submissions/" + id + "/ingest", ADMIN, null).status())
        .isEqualTo(202);
    node.awaitMessageAbout(id);

    node.verified(id, user, "acc/one.c4gh");

    GetResponse sent = node.awaitMessageAbout(id);
    assertThat(sent.getProps().getCorrelationId()).isEqualTo(id.toString());
    assertThat(sent.getProps().getDeliveryMode()).isEqualTo(2);
    JsonNode accession = json(sent);
    String accessionId = accession.get("accession_id").asText();
    assertThat(accessionId).matches("EGAF[0-9]{11}");
    assertThat(accession.get("type").asText()).isEqualTo("accession");
    assertThat(accession.get("user").asText()).isEqualTo(user);
    assertThat(accession.get("filepath").asText()).isEqualTo("acc/one.c4gh");
    assertThat(checksums(accession.get("decrypted_checksums")))
        .containsExactly("sha256:" + Node.PLAIN_SHA256, "md5:" + Node.PLAIN_MD5);
    assertThat(MessageCodec.shared().decodeHubToNode(sent.getBody()))
        .isEqualTo(new IngestionAccession(user, "acc/one.c4gh", accessionId, Node.DECRYPTED));
    JsonNode verified = node.awaitState(id, "verified");
    assertThat(verified.get("accession_id").asText()).isEqualTo(accessionId);
    assertThat(checksums(verified.get("decrypted_checksums")))
        .containsExactlyInAnyOrder("sha256:" + Node.PLAIN_SHA256, "md5:" + Node.PLAIN_MD5);
    assertThat(checksums(verified.get("encrypted_checksums")))
        .containsExactlyInAnyOrder("sha256:" + Node.SHA256, "md5:" + Node.MD5);

    node.verified(id, user, "acc/one.c4gh"); // a duplicate, or a redelivery
    JsonNode again = json(node.awaitMessageAbout(id));
    assertThat(again.get("accession_id").asText()).isEqualTo(accessionId);
    assertThat(http.get("/api/submissions/" + id, ADMIN).json().get("accession_id").asText())
        .isEqualTo(accessionId);

    UUID other = node.upload(user, "acc/two.c4gh");
    node.verified(other, user, "acc/two.c4gh");
    String otherId = json(node.awaitMessageAbout(other)).get("accession_id").asText();
    assertThat(otherId).matches("EGAF[0-9]{11}").isNotEqualTo(accessionId);
  }

  @Test
  void aCompletedFileIsArchived() throws Exception {
    UUID id = node.upload(user, "done/file.c4gh");

    String accessionId = node.archive(id, user, "done/file.c4gh");

    JsonNode archived = http.get("/api/submissions/" + id, ADMIN).json();
    assertThat(archived.get("state").asText()).isEqualTo("archived");
    assertThat(archived.get("accession_id").asText()).isEqualTo(accessionId);
    assertThat(archived.get("error_reason").isNull()).isTrue();
    long before = handled("files.completed", "recorded");
    node.completed(id, user, "done/file.c4gh", accessionId); // again: nothing changes
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> handled("files.completed", "recorded") > before);
    JsonNode same = http.get("/api/submissions/" + id, ADMIN).json();
    assertThat(same.get("state").asText()).isEqualTo("archived");
    assertThat(same.get("updated_at").asText()).isEqualTo(archived.get("updated_at").asText());

    // a completion naming another accession id than the one issued is quarantined
    node.completed(id, user, "done/file.c4gh", "EGAF99999999998");
    GetResponse parked = awaitQuarantined(id.toString());
    assertThat(String.valueOf(parked.getProps().getHeaders().get("x-lega-failure")))
        .isEqualTo("malformed");
    assertThat(String.valueOf(parked.getProps().getHeaders().get("x-lega-reason")))
        .contains("EGAF99999999998")
        .contains(accessionId);
    assertThat(http.get("/api/submissions/" + id, ADMIN).json().get("accession_id").asText())
        .isEqualTo(accessionId);
  }

  @Test
  void anErrorShowsItsReasonAndKeepsIt() throws Exception {
    UUID id = node.upload(user, "bad/file.c4gh");
    assertThat(http.post("/api/submissions/" + id + "/ingest", ADMIN, null).status())
        .isEqualTo(202);
    node.awaitMessageAbout(id);
    String reason = "the file is not encrypted for this archive's key";

    broker.publish(
        "files.error", id.toString(), new IngestionUserError(user, "bad/file.c4gh", reason));

    JsonNode failed = node.awaitState(id, "error");
    assertThat(failed.get("error_reason").asText()).isEqualTo(reason);
    // a late accession request does not bring it back, nor clear the reason
    long before = handled("files.verified", "ignored");
    node.verified(id, user, "bad/file.c4gh");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> handled("files.verified", "ignored") > before);
    JsonNode still = http.get("/api/submissions/" + id, ADMIN).json();
    assertThat(still.get("state").asText()).isEqualTo("error");
    assertThat(still.get("error_reason").asText()).isEqualTo(reason);
    assertThat(still.get("accession_id").isNull()).isTrue();
    assertThat(node.pendingAbout(id)).isZero();

    // the operator triggers it again: ingesting, the old reason gone
    Http.Answer again = http.post("/api/submissions/" + id + "/ingest", ADMIN, null);
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.json().get("state").asText()).isEqualTo("ingesting");
    assertThat(again.json().get("error_reason").isNull()).isTrue();
    assertThat(json(node.awaitMessageAbout(id)).get("type").asText()).isEqualTo("ingest");
  }

  @Test
  void aRefusedCancelOfAnArchivedFileKeepsItArchivedWithTheReason() throws Exception {
    UUID id = node.upload(user, "keep/file.c4gh");
    String accessionId = node.archive(id, user, "keep/file.c4gh");
    assertThat(http.post("/api/submissions/" + id + "/cancel", ADMIN, null).status())
        .isEqualTo(202);
    assertThat(json(node.awaitMessageAbout(id)).get("type").asText()).isEqualTo("cancel");
    String reason = "the file is in dataset EGAD00000000001 and cannot be cancelled";

    broker.publish(
        "files.error", id.toString(), new IngestionUserError(user, "keep/file.c4gh", reason));

    JsonNode kept = node.awaitState(id, "archived");
    assertThat(kept.get("error_reason").asText()).isEqualTo(reason);
    assertThat(kept.get("accession_id").asText()).isEqualTo(accessionId);
  }

  @Test
  void anUploadTheInboxRefusedShowsAsAnErrorWithItsReason() throws Exception {
    UUID id = UUID.randomUUID();
    String reason = "notes.txt is not a Crypt4GH file: it does not start with the magic bytes";

    broker.publish(
        "files.error",
        id.toString(),
        new IngestionUserError(user, "notes.txt", reason, Node.DECRYPTED));

    JsonNode refused = node.awaitState(id, "error");
    assertThat(refused.get("filepath").asText()).isEqualTo("notes.txt");
    assertThat(refused.get("error_reason").asText()).isEqualTo(reason);
    assertThat(refused.get("encrypted_checksums")).hasSize(2);
  }

  @Test
  void reportsAboutUnknownFilesAreQuarantined() throws Exception {
    String verified = UUID.randomUUID().toString();
    String completed = UUID.randomUUID().toString();
    String failed = UUID.randomUUID().toString();
    String notUuid = "not-a-uuid-" + UUID.randomUUID();
    UUID known = node.upload(user, "other/users.c4gh");
    String stranger = "stranger_" + UUID.randomUUID().toString().substring(0, 8);

    broker.publish(
        "files.verified",
        verified,
        new io.lega.contracts.AccessionRequest(user, "x.c4gh", Node.DECRYPTED));
    broker.publish(
        "files.completed",
        completed,
        new io.lega.contracts.IngestionCompletion(
            user, "x.c4gh", "EGAF00000000042", Node.DECRYPTED));
    broker.publish("files.error", notUuid, new IngestionUserError(user, "x.c4gh", "bad"));
    node.verified(known, stranger, "other/users.c4gh");

    Map<String, String> expected =
        Map.of(
            verified,
            "files.verified",
            completed,
            "files.completed",
            notUuid,
            "files.error",
            known.toString(),
            "files.verified");
    for (Map.Entry<String, String> entry : expected.entrySet()) {
      GetResponse parked = awaitQuarantined(entry.getKey());
      Map<String, Object> headers = parked.getProps().getHeaders();
      assertThat(String.valueOf(headers.get("x-lega-failure"))).isEqualTo("malformed");
      assertThat(String.valueOf(headers.get("x-lega-source-queue"))).isEqualTo(entry.getValue());
      assertThat(String.valueOf(headers.get("x-lega-reason"))).isNotBlank();
    }
    assertThat(http.get("/api/submissions/" + verified, ADMIN).status()).isEqualTo(404);
    JsonNode untouched = http.get("/api/submissions/" + known, ADMIN).json();
    assertThat(untouched.get("state").asText()).isEqualTo("uploaded");
    assertThat(untouched.get("accession_id").isNull()).isTrue();

    // and the consumers go on
    UUID after = node.upload(user, "after/quarantine.c4gh");
    node.verified(after, user, "after/quarantine.c4gh");
    assertThat(json(node.awaitMessageAbout(after)).get("accession_id").asText())
        .matches("EGAF[0-9]{11}");
  }
}
