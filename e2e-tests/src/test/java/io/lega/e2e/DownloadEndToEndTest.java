package io.lega.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import io.lega.e2e.support.ServiceLogsOnFailure;
import io.lega.e2e.support.TestNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access half of the story, as its users meet it, on the packaged services: a submitter's file
 * is archived and released in a dataset; a member of the dataset's DAC approves a researcher's
 * request; the researcher gets a Passport from the hub with their password, lists the dataset and
 * downloads the file from the download service, re-encrypted for their own key, whole and by
 * plaintext ranges; a revocation takes effect at once although the Passport stays valid.
 */
class DownloadEndToEndTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static TestNode node;

  @RegisterExtension
  static final ServiceLogsOnFailure SERVICE_LOGS = new ServiceLogsOnFailure(() -> node);

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.start(dir, 1, false);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void aResearcherGrantedByTheDacDownloadsWholeAndByRangesUntilRevoked() throws Exception {
    byte[] plain = new byte[5 * 65536 + 4321];
    new Random(8).nextBytes(plain);
    String accession = archive("grant.bam.c4gh", plain);
    createUser("dacm", "dac");
    createUser("bob", "researcher");
    createUser("carol", "researcher");
    String dac =
        node.adminJson("POST", "/api/dacs", "{\"title\":\"Study DAC\",\"members\":[\"dacm\"]}", 201)
            .get("dac_id")
            .asText();
    String dataset =
        node.adminJson(
                "POST",
                "/api/datasets",
                "{\"accession_ids\":[\"" + accession + "\"],\"dac_id\":\"" + dac + "\"}",
                201)
            .get("dataset_id")
            .asText();
    node.adminJson("POST", "/api/datasets/" + dataset + "/release", null, 200);

    JsonNode request =
        hub(
            "bob",
            "POST",
            "/api/access-requests",
            "{\"dataset_id\":\"" + dataset + "\",\"justification\":\"re-analysis\"}",
            201);
    String requestId = request.get("id").asText();
    hub("bob", "POST", "/api/access-requests/" + requestId + "/approve", null, 403);
    hub("dacm", "POST", "/api/access-requests/" + requestId + "/approve", null, 200);
    String passport = hub("bob", "POST", "/api/passport", null, 200).get("access_token").asText();
    Crypt4ghPrivateKey bobKey = Crypt4ghPrivateKey.generate();

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(download(passport, "/datasets/" + dataset + "/files").body())
                    .contains(accession));
    HttpResponse<byte[]> whole = download(passport, "/files/" + accession, bobKey, null);
    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(sha256(decrypt(whole.body(), bobKey))).isEqualTo(sha256(plain));

    HttpResponse<byte[]> ranged =
        download(passport, "/files/" + accession, bobKey, "bytes=65530-65545,200000-200009");
    assertThat(ranged.statusCode()).isEqualTo(200);
    byte[] expected = new byte[26];
    System.arraycopy(plain, 65530, expected, 0, 16);
    System.arraycopy(plain, 200000, expected, 16, 10);
    assertThat(decrypt(ranged.body(), bobKey)).isEqualTo(expected);

    assertThat(download(null, "/files/" + accession, bobKey, null).statusCode()).isEqualTo(401);
    String carols = hub("carol", "POST", "/api/passport", null, 200).get("access_token").asText();
    HttpResponse<byte[]> forbidden = download(carols, "/files/" + accession, bobKey, null);
    HttpResponse<byte[]> unknown = download(carols, "/files/EGAF99999999999", bobKey, null);
    assertThat(forbidden.statusCode()).isEqualTo(403);
    assertThat(unknown.statusCode()).isEqualTo(403);
    assertThat(new String(unknown.body(), StandardCharsets.UTF_8))
        .isEqualTo(new String(forbidden.body(), StandardCharsets.UTF_8));

    hub(
        "dacm",
        "POST",
        "/api/access-requests/" + requestId + "/revoke",
        "{\"reason\":\"ended\"}",
        200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(download(passport, "/files/" + accession, bobKey, null).statusCode())
                    .as("the same, still valid Passport after the revocation")
                    .isEqualTo(403));
  }

  /** Uploads, ingests and waits for the accession id. */
  private static String archive(String name, byte[] plain) throws Exception {
    Path key = node.registerSubmitter("alice");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Crypt4ghOutputStream c4gh =
        Crypt4ghOutputStream.create(
            out, List.of(node.submissionKey().publicKey()), Optional.empty())) {
      c4gh.write(plain);
    }
    Path file = TestNode.write(dir.resolve(name), out.toByteArray());
    node.sftp("alice", key, "put " + file + " " + name + "\n");
    JsonNode uploaded = node.awaitSubmission("alice", name, "uploaded", WAIT);
    node.trigger(uploaded.get("id").asText());
    return node.awaitSubmission("alice", name, "archived", WAIT).get("accession_id").asText();
  }

  private static void createUser(String name, String role) throws Exception {
    node.adminJson(
        "POST",
        "/api/users",
        "{\"username\":\""
            + name
            + "\",\"email\":\""
            + name
            + "@example.org\",\"roles\":[\""
            + role
            + "\"],\"password\":\""
            + password(name)
            + "\"}",
        201);
  }

  private static String password(String user) {
    return "pw-" + user + "-e2e-123456";
  }

  /** A hub call with the user's password (HTTP Basic), its status checked. */
  private static JsonNode hub(String user, String method, String path, String body, int status)
      throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + password(user)).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.hubUrl() + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode())
        .as("%s %s: %s", method, path, response.body())
        .isEqualTo(status);
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  private static HttpResponse<String> download(String passport, String path) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.downloadUrl() + path));
    if (passport != null) {
      request.header("Authorization", "Bearer " + passport);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<byte[]> download(
      String passport, String path, Crypt4ghPrivateKey researcher, String range) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(node.downloadUrl() + path))
            .header(
                "X-C4GH-Public-Key",
                Base64.getEncoder()
                    .encodeToString(
                        KeyFiles.publicKeyPem(researcher.publicKey())
                            .getBytes(StandardCharsets.US_ASCII)));
    if (passport != null) {
      request.header("Authorization", "Bearer " + passport);
    }
    if (range != null) {
      request.header("Range", range);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static byte[] decrypt(byte[] crypt4gh, Crypt4ghPrivateKey key) throws Exception {
    try (InputStream in = Crypt4ghInputStream.open(new ByteArrayInputStream(crypt4gh), key)) {
      return in.readAllBytes();
    }
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
