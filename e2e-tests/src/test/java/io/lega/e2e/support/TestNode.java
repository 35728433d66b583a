package io.lega.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.local.Backends;
import io.lega.local.LocalKeys;
import io.lega.local.LocalNode;
import io.lega.local.Main;
import io.lega.local.NodeOptions;
import io.lega.local.Services;
import io.lega.platform.storage.PosixSettings;
import io.lega.platform.storage.S3Settings;
import io.lega.platform.storage.Storage;
import io.lega.platform.storage.Storages;
import io.lega.testsupport.PostgresConnection;
import io.lega.testsupport.S3Connection;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end tests' handle on a whole node and its hub: {@link io.lega.local.LocalNode} (the
 * launcher of {@code ./lega up}, which holds every service's configuration) on test-support's
 * shared infrastructure (embedded by default, the machine's PostgreSQL and RabbitMQ with {@code
 * LEGA_TEST_INFRA=real}), with free ports, {@code workers} instances each of ingest-, verify- and
 * finalize-service, and the retry timing the tests want; plus the clients the tests drive it with
 * (the hub's API, the OpenSSH {@code sftp} client). With no workers it is the submission side
 * alone: hub and inbox, the inbox's ingestion guard in memory.
 */
public final class TestNode implements AutoCloseable {

  public static final String NODE = Services.NODE_NAME;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /**
   * Retries a little faster than in production; a release may overtake its mapping (two routers,
   * two finalize workers): ~13 s of retries.
   */
  private static final Map<String, String> BROKER_TUNING =
      Map.of(
          "lega.broker.initial-backoff", "PT0.2S",
          "lega.broker.max-attempts", "10",
          "lega.broker.max-backoff", "PT2S");

  private final Path dir;
  private final LocalNode local;
  private final List<String> passwords = new ArrayList<>();
  private final Crypt4ghPrivateKey submissionKey;
  private final Crypt4ghPrivateKey archiveKey;

  private TestNode(Path dir, LocalNode local) {
    this.dir = dir;
    this.local = local;
    this.submissionKey = local.keys().privateKey(LocalKeys.SUBMISSION);
    this.archiveKey = local.keys().privateKey(LocalKeys.ARCHIVE);
  }

  /**
   * Starts everything and waits until every service is ready.
   *
   * @param dir a private directory for keys, inboxes and logs
   * @param workers instances of each of ingest, verify and finalize; 0 for hub and inbox only
   * @param backup whether finalize backs files up to a second bucket
   */
  public static TestNode start(Path dir, int workers, boolean backup) throws Exception {
    String prefetch = System.getProperty("lega.e2e.prefetch");
    String options = System.getProperty("lega.e2e.jvm-options", "").strip();
    NodeOptions node =
        NodeOptions.defaults(Main.findRoot(Path.of("")), dir.resolve("node"))
            .withBackends(Backends.Kind.SHARED)
            .withPorts(0, 0, 0)
            .withWorkers(workers, backup)
            .withPosixArchive(posixArchive())
            .withTuning(
                options.isEmpty() ? List.of() : List.of(options.split("\\s+")),
                BROKER_TUNING,
                prefetch == null ? Map.of() : Map.of("lega.broker.prefetch", prefetch));
    LocalNode local = LocalNode.start(node);
    try {
      return new TestNode(dir, local);
    } catch (RuntimeException e) {
      local.close();
      throw e;
    }
  }

  // ------------------------------------------------------------------------------ accessors

  /** The hub's base URL. */
  public String hubUrl() {
    return local.hubUrl();
  }

  /** The download service's base URL. */
  public String downloadUrl() {
    return "http://127.0.0.1:" + local.ports().download();
  }

  public Path inboxRoot() {
    return local.options().inboxRoot();
  }

  public int sftpPort() {
    return local.ports().sftp();
  }

  public Crypt4ghPrivateKey submissionKey() {
    return submissionKey;
  }

  public Crypt4ghPrivateKey archiveKey() {
    return archiveKey;
  }

  /** A JDBC connection to the node's database; the caller closes it. */
  public Connection nodeDatabase() throws SQLException {
    PostgresConnection db = local.backends().nodeDatabase();
    return DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
  }

  /**
   * Whether the archive is a directory instead of an S3 bucket: system property {@code
   * lega.e2e.archive=posix} (the benchmark compares both).
   */
  public static boolean posixArchive() {
    return "posix".equals(System.getProperty("lega.e2e.archive", "s3"));
  }

  /** The archive (bucket or directory) as a storage; the caller closes it. */
  public Storage archive() throws IOException {
    if (posixArchive()) {
      return Storages.create(PosixSettings.of(local.options().archiveRoot()));
    }
    return bucket(local.backends().archiveBucket());
  }

  /** The backup bucket as a storage; the caller closes it. */
  public Storage backup() throws IOException {
    return bucket(local.backends().backupBucket());
  }

  private Storage bucket(String bucket) throws IOException {
    S3Connection s3 = local.backends().s3();
    return Storages.create(
        new S3Settings(
            s3.endpoint().toString(),
            s3.region(),
            s3.accessKey(),
            s3.secretKey(),
            bucket,
            true,
            S3Settings.DEFAULT_PART_SIZE,
            null));
  }

  // ------------------------------------------------------------------------------ the hub API

  /** Calls the hub's API with the admin token. */
  public HttpResponse<String> admin(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(local.hubUrl() + path))
            .header("Authorization", "Bearer " + local.secrets().adminToken())
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The admin call's JSON answer, after checking its status. */
  public JsonNode adminJson(String method, String path, String body, int expectedStatus)
      throws Exception {
    HttpResponse<String> response = admin(method, path, body);
    assertThat(response.statusCode())
        .as("%s %s: %s", method, path, response.body())
        .isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }

  /** Registers a submitter with a new ed25519 SSH key; returns the private key file. */
  public Path registerSubmitter(String user) throws Exception {
    return registerSubmitter(user, null);
  }

  /**
   * Registers a submitter with a new ed25519 SSH key and, unless null, a password for {@link
   * #sftpWithPassword}; returns the private key file.
   */
  public Path registerSubmitter(String user, String password) throws Exception {
    Path key = dir.resolve(user + "_ssh_key");
    Processes.run(
        List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()), null);
    String publicKey = Files.readString(Path.of(key + ".pub")).trim();
    adminJson(
        "POST",
        "/api/users",
        "{\"username\":\""
            + user
            + "\",\"email\":\""
            + user
            + "@example.org\","
            + (password == null ? "" : "\"password\":" + JSON.writeValueAsString(password) + ",")
            + "\"roles\":[\"submitter\"],\"ssh_public_keys\":[\""
            + publicKey
            + "\"]}",
        201);
    if (password != null) {
      passwords.add(password);
    }
    return key;
  }

  /** Runs an sftp batch as the user, with the OpenSSH client. */
  public void sftp(String user, Path key, String batch) throws Exception {
    Processes.run(
        List.of(
            "sftp",
            "-b",
            "-",
            "-P",
            String.valueOf(sftpPort()),
            "-i",
            key.toString(),
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            "-o",
            "IdentitiesOnly=yes",
            user + "@127.0.0.1"),
        batch);
  }

  /**
   * Runs an sftp batch as the user, with the OpenSSH client logging in by password (through {@code
   * sshpass}, the password in a file).
   */
  public void sftpWithPassword(String user, String password, String batch) throws Exception {
    Path batchFile = Files.writeString(dir.resolve("batch-" + System.nanoTime()), batch);
    Path passwordFile = Files.writeString(dir.resolve("password-" + System.nanoTime()), password);
    Processes.run(
        List.of(
            "sshpass",
            "-f",
            passwordFile.toString(),
            "sftp",
            "-o",
            "BatchMode=no",
            "-b",
            batchFile.toString(),
            "-P",
            String.valueOf(sftpPort()),
            "-o",
            "PreferredAuthentications=password",
            "-o",
            "PubkeyAuthentication=no",
            "-o",
            "StrictHostKeyChecking=no",
            "-o",
            "UserKnownHostsFile=/dev/null",
            user + "@127.0.0.1"),
        null);
  }

  /** Waits until the user's file is in this state at the hub; fails early on an error. */
  public JsonNode awaitSubmission(String user, String filepath, String state, Duration atMost) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () -> {
              JsonNode match = latest(user, filepath);
              assertThat(match).as("a submission of %s", filepath).isNotNull();
              String now = match.get("state").asText();
              if (!state.equals("error") && now.equals("error")) {
                throw new AssertionError(
                    filepath + " failed: " + match.get("error_reason").asText());
              }
              assertThat(now).as("%s: %s", filepath, match).isEqualTo(state);
              found[0] = match;
            });
    return found[0];
  }

  /** The user's latest submission of that path, or null. */
  public JsonNode latest(String user, String filepath) throws Exception {
    JsonNode page = adminJson("GET", "/api/users/" + user + "/submissions?size=500", null, 200);
    JsonNode match = null;
    for (JsonNode item : page.get("items")) {
      if (item.get("filepath").asText().equals(filepath)
          && (match == null
              || item.get("created_at").asText().compareTo(match.get("created_at").asText())
                  >= 0)) {
        match = item;
      }
    }
    return match;
  }

  /** Asks the hub to ingest a submission. */
  public void trigger(String submissionId) throws Exception {
    adminJson("POST", "/api/submissions/" + submissionId + "/ingest", "{}", 202);
  }

  /** The checksum of this type in a list of {type, value} objects. */
  public static String checksum(JsonNode checksums, String type) {
    for (JsonNode checksum : checksums) {
      if (checksum.get("type").asText().toLowerCase(Locale.ROOT).equals(type)) {
        return checksum.get("value").asText();
      }
    }
    throw new AssertionError("no " + type + " checksum in " + checksums);
  }

  /** The key passphrases, API tokens and passwords in use: none may appear in a log. */
  public List<String> secrets() {
    List<String> all = new ArrayList<>(local.secretValues());
    all.addAll(passwords);
    return List.copyOf(all);
  }

  /** Every service's log so far. */
  public List<Path> logs() throws IOException {
    try (var files = Files.list(local.options().logs())) {
      return files.sorted().toList();
    }
  }

  /** A service's log file. */
  public Path log(String name) {
    return local.options().logs().resolve(name + ".log");
  }

  @Override
  public void close() throws InterruptedException {
    local.close();
  }

  /** Writes bytes to a file. */
  public static Path write(Path file, byte[] content) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(content);
    }
    return file;
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
