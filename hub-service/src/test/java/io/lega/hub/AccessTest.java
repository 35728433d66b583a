package io.lega.hub;

import static io.lega.hub.testing.Http.ADMIN;
import static io.lega.hub.testing.Http.SERVICE;
import static io.lega.hub.testing.Node.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.GetResponse;
import io.lega.contracts.MessageCodec;
import io.lega.contracts.PermissionDeleted;
import io.lega.contracts.PermissionGranted;
import io.lega.hub.config.HubConfig;
import io.lega.hub.testing.Broker;
import io.lega.hub.testing.Http;
import io.lega.hub.testing.Login;
import io.lega.hub.testing.Node;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DACs, access requests and Passports through the API, as their users would: the admin makes DACs
 * and names a dataset's; a researcher asks; a DAC member approves, rejects or revokes (the node
 * gets {@code permission} / {@code permission.deleted}); the researcher's Passport, verified with
 * the JWKS fetched from the hub, holds exactly the live grants.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
class AccessTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct horse battery";

  @TestHTTPResource("/")
  URI base;

  @Inject HubConfig config;

  private Http http;
  private Broker broker;
  private Node node;
  private String tag;
  private String researcher;
  private String member;
  private String otherMember;
  private String dac;
  private String otherDac;

  @BeforeEach
  void setUp() throws Exception {
    http = new Http(base);
    broker = new Broker();
    node = new Node(http, broker, config.broker().nodes().get(0));
    tag = UUID.randomUUID().toString().substring(0, 8);
    researcher = user("r", "researcher");
    member = user("m", "dac");
    otherMember = user("o", "dac");
    dac = createDac("Cancer genomes DAC", member);
    otherDac = createDac("Another DAC", otherMember);
  }

  @AfterEach
  void tearDown() throws Exception {
    broker.close();
  }

  @Test
  void dacsAreMadeWithMembersAndNameTheirDatasets() throws Exception {
    String spare = user("s", "dac");
    String submitter = user("u", "submitter");
    Http.Answer created =
        http.post(
            "/api/dacs", ADMIN, Map.of("title", " Rare diseases DAC ", "members", List.of(member)));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("dac_id").asText();
    assertThat(id).matches("EGAC[0-9]{11}");
    assertThat(created.location()).endsWith("/api/dacs/" + id);
    assertThat(created.json().get("title").asText()).isEqualTo("Rare diseases DAC");
    assertThat(texts(created.json().get("members"))).containsExactly(member);

    assertThat(
            texts(
                http.put("/api/dacs/" + id + "/members/" + spare, ADMIN, null)
                    .json()
                    .get("members")))
        .containsExactly(member, spare);
    assertThat(http.put("/api/dacs/" + id + "/members/" + spare, ADMIN, null).json().get("members"))
        .hasSize(2);
    Http.Answer noRole = http.put("/api/dacs/" + id + "/members/" + submitter, ADMIN, null);
    assertThat(noRole.status()).isEqualTo(409);
    assertThat(noRole.error()).contains(submitter + " lacks the dac role");
    assertThat(http.put("/api/dacs/" + id + "/members/nobody_" + tag, ADMIN, null).status())
        .isEqualTo(409);
    assertThat(
            texts(
                http.delete("/api/dacs/" + id + "/members/" + member, ADMIN).json().get("members")))
        .containsExactly(spare);
    assertThat(http.delete("/api/dacs/" + id + "/members/" + member, ADMIN).status())
        .isEqualTo(404);
    assertThat(texts(http.get("/api/dacs/" + id, ADMIN).json().get("members")))
        .containsExactly(spare);
    JsonNode listed = http.get("/api/dacs?size=500", ADMIN).json();
    List<String> ids = new ArrayList<>();
    listed.get("items").forEach(d -> ids.add(d.get("dac_id").asText()));
    assertThat(ids).contains(id, dac, otherDac);

    assertThat(http.post("/api/dacs", ADMIN, Map.of("title", "x", "dac_id", id)).status())
        .isEqualTo(409);
    assertThat(http.post("/api/dacs", ADMIN, Map.of("title", "x", "dac_id", "EGAC1")).status())
        .isEqualTo(400);
    assertThat(http.post("/api/dacs", ADMIN, Map.of("title", " ")).status()).isEqualTo(400);
    assertThat(http.get("/api/dacs/EGAC99999999999", ADMIN).status()).isEqualTo(404);
    assertThat(http.get("/api/dacs", null).status()).isEqualTo(401);
    assertThat(http.get("/api/dacs", SERVICE).status()).isEqualTo(403);

    String datasetId = dataset(dac);
    assertThat(http.get("/api/datasets/" + datasetId, ADMIN).json().get("dac_id").asText())
        .isEqualTo(dac);
    Http.Answer moved =
        http.put("/api/datasets/" + datasetId + "/dac", ADMIN, Map.of("dac_id", id));
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.json().get("dac_id").asText()).isEqualTo(id);
    assertThat(
            http.put(
                    "/api/datasets/" + datasetId + "/dac",
                    ADMIN,
                    Map.of("dac_id", "EGAC99999999998"))
                .status())
        .isEqualTo(409);
    assertThat(
            http.put("/api/datasets/" + datasetId + "/dac", ADMIN, Map.of("dac_id", "nope"))
                .status())
        .isEqualTo(400);
    assertThat(http.put("/api/datasets/EGAD99999999999/dac", ADMIN, Map.of("dac_id", id)).status())
        .isEqualTo(404);
    Http.Answer unknownDac =
        http.post(
            "/api/datasets",
            ADMIN,
            Map.of("accession_ids", List.of(archived("dac/x.c4gh")), "dac_id", "EGAC99999999997"));
    assertThat(unknownDac.status()).isEqualTo(409);
    assertThat(unknownDac.error()).isEqualTo("no DAC EGAC99999999997");
  }

  @Test
  void anApprovedRequestBecomesAVerifiableVisaUntilItsExpiry() throws Exception {
    String datasetId = dataset(dac);
    String forever = dataset(dac);
    Login asResearcher = login(researcher);
    Login asMember = login(member);

    Http.Answer asked =
        asResearcher.post(
            "/api/access-requests",
            Map.of("dataset_id", datasetId, "justification", "  a study of rare variants "));
    assertThat(asked.status()).isEqualTo(201);
    String requestId = asked.json().get("id").asText();
    assertThat(asked.location()).endsWith("/api/access-requests/" + requestId);
    assertThat(asked.json().get("state").asText()).isEqualTo("pending");
    assertThat(asked.json().get("justification").asText()).isEqualTo("a study of rare variants");
    assertThat(asked.json().get("dac_id").asText()).isEqualTo(dac);
    assertThat(asked.json().get("user").asText()).isEqualTo(researcher);
    assertThat(
            asResearcher
                .post(
                    "/api/access-requests",
                    Map.of("dataset_id", datasetId, "justification", "again"))
                .status())
        .isEqualTo(409);

    Instant expiry = Instant.now().plus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
    Http.Answer approved =
        asMember.post(
            "/api/access-requests/" + requestId + "/approve",
            Map.of("expires_at", expiry.toString()));
    assertThat(approved.status()).isEqualTo(200);
    assertThat(approved.json().get("state").asText()).isEqualTo("approved");
    assertThat(Instant.parse(approved.json().get("expires_at").asText())).isEqualTo(expiry);
    JsonNode decision = approved.json().get("decisions").get(0);
    assertThat(decision.get("decision").asText()).isEqualTo("approved");
    assertThat(decision.get("by").asText()).isEqualTo(member);
    assertThat(Instant.parse(decision.get("at").asText())).isBeforeOrEqualTo(Instant.now());
    GetResponse permission = node.awaitDatasetMessage("permission", datasetId);
    assertThat(permission.getProps().getCorrelationId()).isEqualTo(requestId);
    assertThat(permission.getProps().getDeliveryMode()).isEqualTo(2);
    assertThat(MessageCodec.shared().decodeHubToNode(permission.getBody()))
        .isEqualTo(PermissionGranted.until(datasetId, researcher, expiry));
    assertThat(asMember.post("/api/access-requests/" + requestId + "/approve", Map.of()).status())
        .isEqualTo(409);
    String foreverId = approve(asResearcher, asMember, forever, null);

    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    Http.Answer issued = asResearcher.post("/api/passport", null);
    assertThat(issued.status()).isEqualTo(200);
    assertThat(issued.json().get("token_type").asText()).isEqualTo("Bearer");
    assertThat(issued.json().get("issued_token_type").asText())
        .isEqualTo("urn:ga4gh:params:oauth:token-type:passport");
    assertThat(issued.json().get("expires_in").asLong()).isEqualTo(3600);
    JwtContext passport =
        verify(issued.json().get("access_token").asText(), "vnd.ga4gh.passport+jwt");
    JwtClaims claims = passport.getJwtClaims();
    assertThat(claims.getSubject()).isEqualTo(researcher);
    assertThat(claims.getIssuer()).isEqualTo(config.passport().issuer());
    assertThat(claims.getJwtId()).isNotBlank();
    long iat = claims.getIssuedAt().getValue();
    assertThat(iat).isBetween(before.getEpochSecond(), Instant.now().getEpochSecond());
    assertThat(claims.getExpirationTime().getValue()).isEqualTo(iat + 3600);

    Map<String, Map<String, Object>> visas = new HashMap<>();
    Map<String, Long> expiries = new HashMap<>();
    for (String token : claims.getStringListClaimValue("ga4gh_passport_v1")) {
      JwtContext visa = verify(token, "JWT");
      assertThat(visa.getJoseObjects().get(0).getHeader("jku"))
          .isEqualTo(config.passport().jwksUrl());
      assertThat(visa.getJoseObjects().get(0).getKeyIdHeaderValue()).isNotBlank();
      assertThat(visa.getJwtClaims().getSubject()).isEqualTo(researcher);
      assertThat(visa.getJwtClaims().getIssuer()).isEqualTo(config.passport().issuer());
      @SuppressWarnings("unchecked")
      Map<String, Object> body =
          (Map<String, Object>) visa.getJwtClaims().getClaimValue("ga4gh_visa_v1");
      visas.put((String) body.get("value"), body);
      expiries.put((String) body.get("value"), visa.getJwtClaims().getExpirationTime().getValue());
    }
    assertThat(visas).containsOnlyKeys(datasetId, forever);
    Map<String, Object> visa = visas.get(datasetId);
    assertThat(visa.get("type")).isEqualTo("ControlledAccessGrants");
    assertThat(visa.get("by")).isEqualTo("dac");
    assertThat(visa.get("source")).isEqualTo(config.passport().issuer() + "/api/dacs/" + dac);
    assertThat(((Number) visa.get("asserted")).longValue())
        .isEqualTo(Instant.parse(decision.get("at").asText()).getEpochSecond());
    assertThat(visa).containsOnlyKeys("type", "value", "source", "by", "asserted");
    // the grant's expiry when it comes first, else the Passport's
    assertThat(expiries.get(datasetId)).isEqualTo(expiry.getEpochSecond());
    assertThat(expiries.get(forever)).isEqualTo(iat + 3600);

    // listed per dataset, per DAC and per researcher
    assertThat(ids(http.get("/api/access-requests?dataset_id=" + datasetId, ADMIN)))
        .containsExactly(requestId);
    assertThat(ids(http.get("/api/access-requests?dac_id=" + dac, ADMIN)))
        .contains(requestId, foreverId);
    assertThat(ids(http.get("/api/access-requests?user=" + researcher, ADMIN)))
        .containsExactly(foreverId, requestId);
    assertThat(ids(asResearcher.get("/api/access-requests"))).containsExactly(foreverId, requestId);
    assertThat(ids(asMember.get("/api/access-requests?dac_id=" + dac)))
        .contains(requestId, foreverId);
    assertThat(ids(login(otherMember).get("/api/access-requests"))).doesNotContain(requestId);
    assertThat(login(otherMember).get("/api/access-requests/" + requestId).status()).isEqualTo(404);
    assertThat(asMember.get("/api/access-requests/" + requestId).json().get("state").asText())
        .isEqualTo("approved");
  }

  @Test
  void aRejectedRequestGrantsNothing() throws Exception {
    String datasetId = dataset(dac);
    Login asResearcher = login(researcher);
    Login asMember = login(member);
    String requestId = ask(asResearcher, datasetId);

    Http.Answer noReason = asMember.post("/api/access-requests/" + requestId + "/reject", Map.of());
    assertThat(noReason.status()).isEqualTo(400);
    assertThat(noReason.error()).isEqualTo("reason is required");
    Http.Answer rejected =
        asMember.post(
            "/api/access-requests/" + requestId + "/reject",
            Map.of("reason", "no ethics approval"));
    assertThat(rejected.status()).isEqualTo(200);
    assertThat(rejected.json().get("state").asText()).isEqualTo("rejected");
    assertThat(rejected.json().get("decisions").get(0).get("reason").asText())
        .isEqualTo("no ethics approval");
    assertThat(rejected.json().get("decisions").get(0).get("by").asText()).isEqualTo(member);
    Http.Answer late = asMember.post("/api/access-requests/" + requestId + "/approve", Map.of());
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.error())
        .isEqualTo(
            "access request " + requestId + " is rejected: only a pending request can be approved");
    assertThat(asMember.post("/api/access-requests/" + requestId + "/revoke", null).status())
        .isEqualTo(409);
    assertThat(visaDatasets(asResearcher)).doesNotContain(datasetId);
    assertThat(
            node.pending(
                r ->
                    json(r).path("dataset_id").asText().equals(datasetId)
                        && json(r).path("type").asText().startsWith("permission")))
        .isZero();
    // a new request may follow a rejection
    assertThat(ask(asResearcher, datasetId)).isNotEqualTo(requestId);
  }

  @Test
  void aRevokedGrantLeavesThePassportAndTheNodeIsTold() throws Exception {
    String datasetId = dataset(dac);
    Login asResearcher = login(researcher);
    Login asMember = login(member);
    String requestId = approve(asResearcher, asMember, datasetId, null);
    node.awaitDatasetMessage("permission", datasetId);
    assertThat(visaDatasets(asResearcher)).contains(datasetId);

    assertThat(
            login(otherMember).post("/api/access-requests/" + requestId + "/revoke", null).status())
        .isEqualTo(403);
    Http.Answer revoked =
        asMember.post("/api/access-requests/" + requestId + "/revoke", Map.of("reason", "misuse"));
    assertThat(revoked.status()).isEqualTo(200);
    assertThat(revoked.json().get("state").asText()).isEqualTo("revoked");
    List<String> decisions = new ArrayList<>();
    revoked.json().get("decisions").forEach(d -> decisions.add(d.get("decision").asText()));
    assertThat(decisions).containsExactly("approved", "revoked");
    GetResponse deleted = node.awaitDatasetMessage("permission.deleted", datasetId);
    assertThat(deleted.getProps().getCorrelationId()).isEqualTo(requestId);
    assertThat(json(deleted))
        .isEqualTo(
            JSON.readTree(
                "{\"type\":\"permission.deleted\",\"dataset_id\":\""
                    + datasetId
                    + "\",\"user\":\""
                    + researcher
                    + "\"}"));
    assertThat(MessageCodec.shared().decodeHubToNode(deleted.getBody()))
        .isEqualTo(new PermissionDeleted(datasetId, researcher));
    assertThat(visaDatasets(asResearcher)).doesNotContain(datasetId);
    assertThat(asMember.post("/api/access-requests/" + requestId + "/revoke", null).status())
        .isEqualTo(409);
  }

  @Test
  void onlyAMemberOfTheDatasetsDacDecides() throws Exception {
    String datasetId = dataset(dac);
    Login asResearcher = login(researcher);
    String requestId = ask(asResearcher, datasetId);
    String path = "/api/access-requests/" + requestId + "/approve";

    Http.Answer otherDacMember = login(otherMember).post(path, Map.of());
    assertThat(otherDacMember.status()).isEqualTo(403);
    assertThat(otherDacMember.error())
        .isEqualTo(
            "only a member of the DAC responsible for " + datasetId + " decides on access to it");
    assertThat(asResearcher.post(path, Map.of()).status()).isEqualTo(403);
    assertThat(login(user("n", "dac")).post(path, Map.of()).status()).isEqualTo(403);
    assertThat(http.post(path, ADMIN, Map.of()).status()).isEqualTo(403);
    assertThat(http.post(path, SERVICE, Map.of()).status()).isEqualTo(403);
    assertThat(http.get("/api/access-requests/" + requestId, ADMIN).json().get("state").asText())
        .isEqualTo("pending");

    // the admin gives the dataset to the other DAC: its member decides now, the first no longer
    http.put("/api/datasets/" + datasetId + "/dac", ADMIN, Map.of("dac_id", otherDac));
    assertThat(login(member).post(path, Map.of()).status()).isEqualTo(403);
    assertThat(login(otherMember).post(path, Map.of()).status()).isEqualTo(200);

    // only researchers ask, for datasets that exist, with a justification
    assertThat(
            login(member)
                .post("/api/access-requests", Map.of("dataset_id", datasetId, "justification", "x"))
                .status())
        .isEqualTo(403);
    assertThat(
            asResearcher
                .post(
                    "/api/access-requests",
                    Map.of("dataset_id", "EGAD99999999999", "justification", "x"))
                .status())
        .isEqualTo(404);
    assertThat(
            asResearcher
                .post("/api/access-requests", Map.of("dataset_id", datasetId, "justification", " "))
                .status())
        .isEqualTo(400);
    assertThat(
            asResearcher
                .post("/api/access-requests/" + UUID.randomUUID() + "/approve", null)
                .status())
        .isEqualTo(404);
    Instant past = Instant.now().minusSeconds(60);
    String pending = ask(asResearcher, dataset(dac));
    assertThat(
            login(member)
                .post(
                    "/api/access-requests/" + pending + "/approve",
                    Map.of("expires_at", past.toString()))
                .status())
        .isEqualTo(400);
  }

  @Test
  void aWrongPasswordGetsNoPassport() {
    Http.Answer wrong = new Login(base, researcher, "not the password").post("/api/passport", null);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.wwwAuthenticate()).startsWith("Basic");
    assertThat(new Login(base, "nobody_" + tag, PASSWORD).post("/api/passport", null).status())
        .isEqualTo(401);
    assertThat(http.post("/api/passport", null, null).status()).isEqualTo(401);
    assertThat(http.post("/api/passport", SERVICE, null).status()).isEqualTo(403);
    assertThat(login(member).post("/api/passport", null).status()).isEqualTo(403);
    http.post("/api/users/" + researcher + "/disable", ADMIN, null);
    assertThat(login(researcher).post("/api/passport", null).status()).isEqualTo(401);
  }

  @Test
  void theJwksIsPublicAndHasThePublicKeyOnly() throws Exception {
    Http.Answer jwks = http.get("/.well-known/jwks.json", null);
    assertThat(jwks.status()).isEqualTo(200);
    JsonNode key = jwks.json().get("keys").get(0);
    assertThat(key.get("kty").asText()).isEqualTo("EC");
    assertThat(key.get("crv").asText()).isEqualTo("P-256");
    assertThat(key.get("alg").asText()).isEqualTo("ES256");
    assertThat(key.has("d")).isFalse();
  }

  // --- helpers

  private String user(String prefix, String role) {
    String name = prefix + "_" + tag + "_" + UUID.randomUUID().toString().substring(0, 4);
    Http.Answer created =
        http.post(
            "/api/users",
            ADMIN,
            Map.of(
                "username",
                name,
                "email",
                name + "@example.org",
                "password",
                PASSWORD,
                "roles",
                List.of(role)));
    assertThat(created.status()).isEqualTo(201);
    return name;
  }

  private String createDac(String title, String... members) {
    Http.Answer created =
        http.post("/api/dacs", ADMIN, Map.of("title", title, "members", List.of(members)));
    assertThat(created.status()).isEqualTo(201);
    return created.json().get("dac_id").asText();
  }

  private String archived(String path) throws Exception {
    String submitter = "sub_" + tag;
    http.post("/api/users", ADMIN, Map.of("username", submitter, "email", "s@example.org"));
    UUID id = node.upload(submitter, path + UUID.randomUUID());
    return node.archive(id, submitter, path);
  }

  private String dataset(String dacId) throws Exception {
    Http.Answer created =
        http.post(
            "/api/datasets",
            ADMIN,
            Map.of("accession_ids", List.of(archived("acc/file.c4gh")), "dac_id", dacId));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().get("dataset_id").asText();
    node.awaitDatasetMessage("mapping", id);
    return id;
  }

  private Login login(String username) {
    return new Login(base, username, PASSWORD);
  }

  private static String ask(Login researcher, String datasetId) {
    Http.Answer asked =
        researcher.post(
            "/api/access-requests", Map.of("dataset_id", datasetId, "justification", "research"));
    assertThat(asked.status()).isEqualTo(201);
    return asked.json().get("id").asText();
  }

  private static String approve(Login researcher, Login member, String datasetId, Instant expiry) {
    String id = ask(researcher, datasetId);
    Map<String, Object> body = new HashMap<>();
    if (expiry != null) {
      body.put("expires_at", expiry.toString());
    }
    assertThat(member.post("/api/access-requests/" + id + "/approve", body).status())
        .isEqualTo(200);
    return id;
  }

  /** The datasets the researcher's current Passport has visas for. */
  private List<String> visaDatasets(Login researcher) throws Exception {
    Http.Answer issued = researcher.post("/api/passport", null);
    assertThat(issued.status()).isEqualTo(200);
    List<String> datasets = new ArrayList<>();
    for (String token :
        verify(issued.json().get("access_token").asText(), "vnd.ga4gh.passport+jwt")
            .getJwtClaims()
            .getStringListClaimValue("ga4gh_passport_v1")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> visa =
          (Map<String, Object>) verify(token, "JWT").getJwtClaims().getClaimValue("ga4gh_visa_v1");
      datasets.add((String) visa.get("value"));
    }
    return datasets;
  }

  /** The token's claims, its ES256 signature checked with the JWKS fetched from the hub. */
  private JwtContext verify(String token, String type) throws Exception {
    Http.Answer jwks = http.get("/.well-known/jwks.json", null);
    assertThat(jwks.status()).isEqualTo(200);
    JwtConsumer consumer =
        new JwtConsumerBuilder()
            .setVerificationKeyResolver(
                new JwksVerificationKeyResolver(new JsonWebKeySet(jwks.text()).getJsonWebKeys()))
            .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, "ES256")
            .setExpectedIssuer(config.passport().issuer())
            .setRequireExpirationTime()
            .setRequireIssuedAt()
            .setRequireSubject()
            .setRequireJwtId()
            .setExpectedType(true, type)
            .build();
    try {
      return consumer.process(token);
    } catch (InvalidJwtException e) {
      throw new AssertionError("not a valid token: " + e.getMessage(), e);
    }
  }

  private static List<String> ids(Http.Answer page) {
    assertThat(page.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    page.json().get("items").forEach(r -> ids.add(r.get("id").asText()));
    return ids;
  }

  private static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(element -> result.add(element.asText()));
    return result;
  }
}
