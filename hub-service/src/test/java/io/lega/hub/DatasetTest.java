package io.lega.hub;

import static io.lega.hub.testing.Http.ADMIN;
import static io.lega.hub.testing.Node.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.lega.contracts.DatasetMapping;
import io.lega.contracts.MessageCodec;
import io.lega.hub.config.HubConfig;
import io.lega.hub.testing.Broker;
import io.lega.hub.testing.Http;
import io.lega.hub.testing.Node;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Datasets through the API: made of archived files ({@code mapping}), released ({@code release}),
 * deprecated ({@code deprecate}), each message read from {@code to_node.<node>}; and what is
 * refused.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
class DatasetTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/")
  URI base;

  @Inject HubConfig config;

  private Http http;
  private Broker broker;
  private Node node;
  private String user;

  @BeforeEach
  void setUp() throws Exception {
    http = new Http(base);
    broker = new Broker();
    node = new Node(http, broker, config.broker().nodes().get(0));
    user = "ds_" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(
            http.post("/api/users", ADMIN, Map.of("username", user, "email", "d@example.org"))
                .status())
        .isEqualTo(201);
  }

  @AfterEach
  void tearDown() throws Exception {
    broker.close();
  }

  private String archived(String path) throws Exception {
    UUID id = node.upload(user, path);
    return node.archive(id, user, path);
  }

  private static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(element -> result.add(element.asText()));
    return result;
  }

  @Test
  void aDatasetIsMappedReleasedAndDeprecated() throws Exception {
    String first = archived("ds/one.c4gh");
    String second = archived("ds/two.c4gh");

    Http.Answer created =
        http.post("/api/datasets", ADMIN, Map.of("accession_ids", List.of(second, first)));

    assertThat(created.status()).isEqualTo(201);
    String datasetId = created.json().get("dataset_id").asText();
    assertThat(datasetId).matches("EGAD[0-9]{11}");
    assertThat(created.location()).endsWith("/api/datasets/" + datasetId);
    assertThat(created.json().get("state").asText()).isEqualTo("mapped");
    assertThat(texts(created.json().get("accession_ids"))).containsExactly(second, first);
    GetResponse mapping = node.awaitDatasetMessage("mapping", datasetId);
    assertThat(mapping.getProps().getDeliveryMode()).isEqualTo(2);
    assertThat(mapping.getProps().getContentType()).isEqualTo("application/json");
    assertThat(UUID.fromString(mapping.getProps().getCorrelationId())).isNotNull();
    assertThat(json(mapping))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"mapping\",\"dataset_id\":\""
                    + datasetId
                    + "\",\"accession_ids\":[\""
                    + second
                    + "\",\""
                    + first
                    + "\"]}"));
    assertThat(MessageCodec.shared().decodeHubToNode(mapping.getBody()))
        .isEqualTo(new DatasetMapping(datasetId, List.of(second, first)));
    JsonNode read = http.get("/api/datasets/" + datasetId, ADMIN).json();
    assertThat(read.get("state").asText()).isEqualTo("mapped");
    assertThat(texts(read.get("accession_ids"))).containsExactly(second, first);

    Http.Answer released = http.post("/api/datasets/" + datasetId + "/release", ADMIN, null);
    assertThat(released.status()).isEqualTo(200);
    assertThat(released.json().get("state").asText()).isEqualTo("released");
    assertThat(json(node.awaitDatasetMessage("release", datasetId)))
        .isEqualTo(JSON.readTree("{\"type\":\"release\",\"dataset_id\":\"" + datasetId + "\"}"));
    Http.Answer twice = http.post("/api/datasets/" + datasetId + "/release", ADMIN, null);
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.error()).isEqualTo("dataset " + datasetId + " is released already");

    JsonNode listed = http.get("/api/datasets?state=released&size=500", ADMIN).json();
    List<String> releasedIds = new ArrayList<>();
    listed.get("items").forEach(d -> releasedIds.add(d.get("dataset_id").asText()));
    assertThat(releasedIds).contains(datasetId);
    assertThat(listed.get("total").asLong()).isEqualTo(releasedIds.size());

    Http.Answer deprecated = http.post("/api/datasets/" + datasetId + "/deprecate", ADMIN, null);
    assertThat(deprecated.status()).isEqualTo(200);
    assertThat(deprecated.json().get("state").asText()).isEqualTo("deprecated");
    assertThat(json(node.awaitDatasetMessage("deprecate", datasetId)))
        .isEqualTo(JSON.readTree("{\"type\":\"deprecate\",\"dataset_id\":\"" + datasetId + "\"}"));

    Http.Answer revived = http.post("/api/datasets/" + datasetId + "/release", ADMIN, null);
    assertThat(revived.status()).isEqualTo(409);
    assertThat(revived.error())
        .isEqualTo(
            "dataset " + datasetId + " is deprecated: only a mapped dataset can be released");
    assertThat(http.post("/api/datasets/" + datasetId + "/deprecate", ADMIN, null).status())
        .isEqualTo(409);
    assertThat(
            node.pending(
                r ->
                    datasetId.equals(json(r).path("dataset_id").asText())
                        && json(r).path("type").asText().equals("release")))
        .isZero();
    assertThat(http.get("/api/datasets/" + datasetId, ADMIN).json().get("state").asText())
        .isEqualTo("deprecated");
  }

  @Test
  void aDatasetMayBeNamedAndNamesAreNotReused() throws Exception {
    String file = archived("named/one.c4gh");
    String named = "EGAD9" + String.format("%010d", Math.abs(UUID.randomUUID().hashCode()));

    Http.Answer created =
        http.post(
            "/api/datasets", ADMIN, Map.of("dataset_id", named, "accession_ids", List.of(file)));

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("dataset_id").asText()).isEqualTo(named);
    node.awaitDatasetMessage("mapping", named);
    Http.Answer taken =
        http.post(
            "/api/datasets", ADMIN, Map.of("dataset_id", named, "accession_ids", List.of(file)));
    assertThat(taken.status()).isEqualTo(409);
    assertThat(taken.error()).isEqualTo("dataset " + named + " exists already (mapped)");

    // a file may be in several datasets; fresh ids never repeat
    String a =
        http.post("/api/datasets", ADMIN, Map.of("accession_ids", List.of(file)))
            .json()
            .get("dataset_id")
            .asText();
    String b =
        http.post("/api/datasets", ADMIN, Map.of("accession_ids", List.of(file)))
            .json()
            .get("dataset_id")
            .asText();
    assertThat(a).matches("EGAD[0-9]{11}").isNotEqualTo(b).isNotEqualTo(named);
    assertThat(b).matches("EGAD[0-9]{11}");
    node.awaitDatasetMessage("mapping", a);
    node.awaitDatasetMessage("mapping", b);
  }

  @Test
  void onlyArchivedFilesKnownToTheHubCanBeMapped() throws Exception {
    String archived = archived("refused/archived.c4gh");
    UUID verifiedId = node.upload(user, "refused/verified.c4gh");
    node.verified(verifiedId, user, "refused/verified.c4gh");
    String verified = json(node.awaitMessageAbout(verifiedId)).get("accession_id").asText();
    String unknown = "EGAF99999999999";

    Http.Answer refused =
        http.post(
            "/api/datasets", ADMIN, Map.of("accession_ids", List.of(archived, unknown, verified)));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.error())
        .isEqualTo(
            "only archived files can be mapped to a dataset; unknown to the hub: "
                + unknown
                + "; not archived: "
                + verified
                + " (verified)");
    assertThat(
            node.pending(
                r ->
                    "mapping".equals(json(r).path("type").asText())
                        && json(r).path("accession_ids").toString().contains(unknown)))
        .isZero();

    Http.Answer onlyUnknown =
        http.post("/api/datasets", ADMIN, Map.of("accession_ids", List.of(unknown)));
    assertThat(onlyUnknown.status()).isEqualTo(409);
    assertThat(onlyUnknown.error()).contains("unknown to the hub: " + unknown);
  }

  @Test
  void malformedRequestsAreRefused() {
    Http.Answer empty = http.post("/api/datasets", ADMIN, Map.of("accession_ids", List.of()));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.error()).isEqualTo("accession_ids must name at least one file");
    Http.Answer none = http.post("/api/datasets", ADMIN, Map.of());
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.error()).isEqualTo("accession_ids must name at least one file");
    Http.Answer bad =
        http.post(
            "/api/datasets", ADMIN, Map.of("accession_ids", List.of("EGAF00000000001", "file1")));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error())
        .isEqualTo("accession_ids[1]: 'file1' is not a file accession id (EGAF and 11 digits)");
    Http.Answer repeated =
        http.post(
            "/api/datasets",
            ADMIN,
            Map.of("accession_ids", List.of("EGAF00000000001", "EGAF00000000001")));
    assertThat(repeated.status()).isEqualTo(400);
    assertThat(repeated.error()).contains("accession_ids[1] repeats accession_ids[0]");
    Http.Answer badDataset =
        http.post(
            "/api/datasets",
            ADMIN,
            Map.of("dataset_id", "EGAF00000000001", "accession_ids", List.of("EGAF00000000001")));
    assertThat(badDataset.status()).isEqualTo(400);
    assertThat(badDataset.error()).contains("dataset_id 'EGAF00000000001' is not a dataset");
    Http.Answer unknownField =
        http.post("/api/datasets", ADMIN, Map.of("files", List.of("EGAF00000000001")));
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.error()).contains("unknown field 'files'");
    assertThat(http.get("/api/datasets?state=bogus", ADMIN).status()).isEqualTo(400);
  }

  @Test
  void unknownDatasetsAre404AndEveryCallNeedsTheAdminToken() {
    for (String path : List.of("/api/datasets/EGAD99999999999", "/api/datasets/not-a-dataset")) {
      Http.Answer missing = http.get(path, ADMIN);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(missing.error()).startsWith("no dataset '");
      assertThat(http.post(path + "/release", ADMIN, null).status()).isEqualTo(404);
      assertThat(http.post(path + "/deprecate", ADMIN, null).status()).isEqualTo(404);
    }
    assertThat(http.get("/api/datasets", null).status()).isEqualTo(401);
    assertThat(http.get("/api/datasets", Http.SERVICE).status()).isEqualTo(403);
    assertThat(
            http.post("/api/datasets", null, Map.of("accession_ids", List.of("EGAF00000000001")))
                .status())
        .isEqualTo(401);
    assertThat(http.post("/api/datasets/EGAD00000000001/release", null, null).status())
        .isEqualTo(401);
    JsonNode page = http.get("/api/datasets?page=0&size=5", ADMIN).json();
    assertThat(page.get("page").asInt()).isZero();
    assertThat(page.get("size").asInt()).isEqualTo(5);
    assertThat(page.get("items").size()).isLessThanOrEqualTo(5);
  }
}
