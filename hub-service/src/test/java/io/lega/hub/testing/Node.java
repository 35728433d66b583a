package io.lega.hub.testing;

import static io.lega.hub.testing.Http.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.lega.contracts.AccessionRequest;
import io.lega.contracts.Checksum;
import io.lega.contracts.InboxUpload;
import io.lega.contracts.IngestionCompletion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * A node driving the hub through a file's life, as the real services would: uploads on {@code
 * files.inbox}, reports on {@code files.verified} / {@code files.completed} / {@code files.error},
 * and reads what the hub sends it on {@code to_node.<node>}. Checks through the hub's HTTP API.
 */
public final class Node {

  /** The checksums of every upload made here (of the encrypted file). */
  public static final String SHA256 =
      "82e4e60e7beb3db2e06a00a079788f7d71f75b61a4b75f28c4c942703dabb6d6";

  public static final String MD5 = "0cc175b9c0f1b6a831c399e269772661";

  /** The decrypted checksums every verification here reports. */
  public static final String PLAIN_SHA256 =
      "0f4b7bb1a94eb6f3e7a5e1f0dbe6a2c7e8d3b3c2a1f0e9d8c7b6a5f4e3d2c1b0";

  public static final String PLAIN_MD5 = "1e3a5c7e9b2d4f6a8c0e2b4d6f8a0c2e";

  public static final List<Checksum> DECRYPTED =
      List.of(Checksum.sha256(PLAIN_SHA256), Checksum.md5(PLAIN_MD5));

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Http http;
  private final Broker broker;
  private final String queue;

  /**
   * @param http the hub's API
   * @param broker the AMQP client
   * @param node the hub's node (the first of {@code lega.hub.broker.nodes})
   */
  public Node(Http http, Broker broker, String node) {
    this.http = http;
    this.broker = broker;
    this.queue = Broker.toNode(node);
  }

  /** The queue the hub's messages for this node arrive on. */
  public String queue() {
    return queue;
  }

  /** Publishes an upload of {@code path} (with {@link #SHA256} and {@link #MD5}) as a new file. */
  public UUID publishUpload(String user, String path) throws Exception {
    UUID id = UUID.randomUUID();
    publishUpload(id, user, path);
    return id;
  }

  /** Publishes an upload of {@code path} as file {@code id}. */
  public void publishUpload(UUID id, String user, String path) throws Exception {
    broker.publish(
        "files.inbox",
        id.toString(),
        new InboxUpload(
            user, path, 100L, 1_764_000_000L, List.of(Checksum.sha256(SHA256), Checksum.md5(MD5))));
  }

  /** Uploads {@code path} and waits until the hub shows the submission. */
  public UUID upload(String user, String path) throws Exception {
    UUID id = publishUpload(user, path);
    awaitSubmission(id, s -> true);
    return id;
  }

  /** The submission, once the API shows it in a state that satisfies {@code until}. */
  public JsonNode awaitSubmission(UUID id, Predicate<JsonNode> until) {
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

  /** The submission once it is in {@code state}. */
  public JsonNode awaitState(UUID id, String state) {
    return awaitSubmission(id, s -> s.get("state").asText().equals(state));
  }

  /** Takes the hub's next message about file {@code id} from the node's queue, waiting for it. */
  public GetResponse awaitMessageAbout(UUID id) {
    return awaitMessage(r -> id.toString().equals(r.getProps().getCorrelationId()));
  }

  /** Takes the first message on the node's queue that {@code wanted} accepts, waiting for it. */
  public GetResponse awaitMessage(Predicate<GetResponse> wanted) {
    GetResponse[] found = new GetResponse[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              Optional<GetResponse> taken = broker.take(queue, wanted);
              taken.ifPresent(r -> found[0] = r);
              return taken.isPresent();
            });
    return found[0];
  }

  /** The hub's dataset message of {@code type} for {@code datasetId}, waiting for it. */
  public GetResponse awaitDatasetMessage(String type, String datasetId) {
    return awaitMessage(
        r -> {
          JsonNode body = json(r);
          return type.equals(body.path("type").asText())
              && datasetId.equals(body.path("dataset_id").asText());
        });
  }

  /** How many messages about file {@code id} wait on the node's queue (they stay there). */
  public int pendingAbout(UUID id) throws IOException {
    return broker.count(queue, r -> id.toString().equals(r.getProps().getCorrelationId()));
  }

  /** How many messages on the node's queue {@code wanted} accepts (they stay there). */
  public int pending(Predicate<GetResponse> wanted) throws IOException {
    return broker.count(queue, wanted);
  }

  /** A message's body as JSON. */
  public static JsonNode json(GetResponse response) {
    try {
      return JSON.readTree(response.getBody());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reports {@code files.verified} for file {@code id}. */
  public void verified(UUID id, String user, String path) throws Exception {
    broker.publish("files.verified", id.toString(), new AccessionRequest(user, path, DECRYPTED));
  }

  /** Reports {@code files.completed} for file {@code id}. */
  public void completed(UUID id, String user, String path, String accessionId) throws Exception {
    broker.publish(
        "files.completed",
        id.toString(),
        new IngestionCompletion(user, path, accessionId, DECRYPTED));
  }

  /**
   * Takes an uploaded file through ingestion to {@code archived}: trigger through the API, take the
   * {@code ingest}, report it verified, take the {@code accession}, report it completed.
   *
   * @return its accession id
   */
  public String archive(UUID id, String user, String path) throws Exception {
    assertThat(http.post("/api/submissions/" + id + "/ingest", ADMIN, null).status())
        .isEqualTo(202);
    assertThat(json(awaitMessageAbout(id)).get("type").asText()).isEqualTo("ingest");
    verified(id, user, path);
    JsonNode accession = json(awaitMessageAbout(id));
    assertThat(accession.get("type").asText()).isEqualTo("accession");
    String accessionId = accession.get("accession_id").asText();
    completed(id, user, path, accessionId);
    assertThat(awaitState(id, "archived").get("accession_id").asText()).isEqualTo(accessionId);
    return accessionId;
  }
}
