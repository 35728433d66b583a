package io.lega.e2e.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.crypt4gh.kdf.Kdf;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.keys.KeyProtection;
import io.lega.platform.storage.PosixSettings;
import io.lega.platform.storage.S3Settings;
import io.lega.platform.storage.Storage;
import io.lega.platform.storage.Storages;
import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.Infrastructure;
import io.lega.testsupport.PostgresConnection;
import io.lega.testsupport.S3Buckets;
import io.lega.testsupport.S3Connection;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
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
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A whole node and its hub, as packaged applications started as processes on test-support's
 * infrastructure (embedded by default, the machine's PostgreSQL and RabbitMQ with {@code
 * LEGA_TEST_INFRA=real}): hub-service, inbox-service, and {@code workers} instances each of
 * ingest-, verify- and finalize-service. The node's keys are generated, passphrase-protected, with
 * the passphrases in files only the services read; hub and node get databases of their own and the
 * archive (and backup) a bucket of its own. With no workers it is the submission side alone: hub
 * and inbox, the inbox's ingestion guard in memory (nothing ingests, and nothing migrates the node
 * database).
 */
public final class LocalNode implements AutoCloseable {

  public static final String ADMIN_TOKEN = "e2e-admin-token-0123456789";
  public static final String SERVICE_TOKEN = "e2e-service-token-0123456789";
  public static final String NODE = "node1";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Path dir;
  private final List<Process> services = new ArrayList<>();
  private final String suffix = UUID.randomUUID().toString().substring(0, 8);
  private int hubPort;
  private int sftpPort;
  private Crypt4ghPrivateKey submissionKey;
  private Crypt4ghPrivateKey archiveKey;
  private PostgresConnection nodeDb;
  private S3Connection s3;
  private String archiveBucket;
  private String backupBucket;
  private final List<String> secrets = new ArrayList<>();

  private LocalNode(Path dir) {
    this.dir = dir;
  }

  /**
   * Starts everything and waits until every service is ready.
   *
   * @param dir a private directory for keys, inboxes and logs
   * @param workers instances of each of ingest, verify and finalize; 0 for hub and inbox only
   * @param backup whether finalize backs files up to a second bucket
   */
  public static LocalNode start(Path dir, int workers, boolean backup) throws Exception {
    LocalNode node = new LocalNode(dir);
    try {
      node.startAll(workers, backup);
    } catch (Exception | Error e) {
      node.close();
      throw e;
    }
    return node;
  }

  private void startAll(int workers, boolean backup) throws Exception {
    PostgresConnection pg = Infrastructure.sharedPostgres();
    AmqpConnection broker = Infrastructure.sharedBroker();
    s3 = Infrastructure.sharedS3();
    PostgresConnection hubDb = createDatabase(pg, "e2e_hub_" + suffix);
    nodeDb = createDatabase(pg, "e2e_node_" + suffix);
    archiveBucket = "archive-" + suffix;
    backupBucket = "backup-" + suffix;
    S3Buckets.create(s3, archiveBucket);
    S3Buckets.create(s3, backupBucket);

    Path keys = Files.createDirectories(dir.resolve("keys"));
    submissionKey = Crypt4ghPrivateKey.generate();
    archiveKey = Crypt4ghPrivateKey.generate();
    secrets.add("submission passphrase " + suffix);
    secrets.add("archive passphrase " + suffix);
    secrets.add(ADMIN_TOKEN);
    secrets.add(SERVICE_TOKEN);
    writeKey(keys, "submission", submissionKey, secrets.get(0));
    writeKey(keys, "archive", archiveKey, secrets.get(1));
    KeyFiles.writePublicKey(keys.resolve("archive.pub"), archiveKey.publicKey(), true);

    hubPort = freePort();
    sftpPort = freePort();
    List<String> brokerProps =
        List.of(
            "-Dlega.broker.host=" + broker.host(),
            "-Dlega.broker.port=" + broker.port(),
            "-Dlega.broker.username=" + broker.username(),
            "-Dlega.broker.password=" + broker.password(),
            "-Dlega.broker.virtual-host=" + broker.virtualHost(),
            "-Dlega.broker.node-name=" + NODE,
            "-Dlega.broker.initial-backoff=PT0.2S",
            // a release may overtake its mapping (two routers, two finalize workers): ~13 s of
            // retries
            "-Dlega.broker.max-attempts=10",
            "-Dlega.broker.max-backoff=PT2S");
    List<String> hub =
        new ArrayList<>(
            List.of(
                "-Dquarkus.http.port=" + hubPort,
                "-Dlega.hub.admin-token=" + ADMIN_TOKEN,
                "-Dlega.hub.service-token=" + SERVICE_TOKEN,
                "-Dlega.hub.passport.issuer=http://127.0.0.1:" + hubPort,
                "-Dlega.hub.passport.signing-key-file=" + keys.resolve("hub-signing-key.jwk"),
                "-Dlega.hub.broker.topology-side=both"));
    hub.addAll(datasource(hubDb));
    hub.addAll(brokerProps);
    services.add(start("hub-service", "hub-service", hub));
    waitReady("hub-service", hubPort);

    int inboxHttp = freePort();
    List<String> inbox =
        new ArrayList<>(
            List.of(
                "-Dquarkus.http.port=" + inboxHttp,
                "-Dlega.inbox.sftp.port=" + sftpPort,
                "-Dlega.inbox.sftp.host-key-path=" + dir.resolve("host_key"),
                "-Dlega.inbox.storage.root=" + inboxRoot(),
                "-Dlega.inbox.hub.url=http://127.0.0.1:" + hubPort,
                "-Dlega.inbox.hub.token=" + SERVICE_TOKEN,
                "-Dlega.inbox.broker.topology-side=both"));
    if (workers > 0) {
      // files being ingested are read from the node database (JDBC only: no reactive URL), which
      // ingest migrates
      inbox.addAll(
          List.of(
              "-Dlega.inbox.ingestion-guard=database",
              "-Dquarkus.datasource.jdbc.url=" + nodeDb.jdbcUrl(),
              "-Dquarkus.datasource.username=" + nodeDb.username(),
              "-Dquarkus.datasource.password=" + nodeDb.password()));
    }
    inbox.addAll(brokerProps);
    services.add(start("inbox-service", "inbox-service", inbox));

    List<String> common = new ArrayList<>(datasource(nodeDb));
    common.addAll(brokerProps);
    common.add("-Dlega.broker.topology-side=both");
    if (posixArchive()) {
      common.add("-Dlega.archive.type=posix");
      common.add("-Dlega.archive.posix.root=" + dir.resolve("archive"));
    } else {
      common.addAll(storage("lega.archive", archiveBucket));
    }
    String prefetch = System.getProperty("lega.e2e.prefetch");
    if (prefetch != null) {
      common.add("-Dlega.broker.prefetch=" + prefetch);
    }
    common.add("-Dlega.inbox-storage.type=posix");
    common.add("-Dlega.inbox-storage.posix.root=" + inboxRoot());
    List<Integer> ports = new ArrayList<>();
    for (int i = 1; i <= workers; i++) {
      List<String> ingest = new ArrayList<>(common);
      ingest.add("-Dlega.keys.submission[0].path=" + keys.resolve("submission.sec"));
      ingest.add("-Dlega.keys.submission[0].passphrase-file=" + keys.resolve("submission.pass"));
      ingest.add("-Dlega.keys.archive-public-key=" + keys.resolve("archive.pub"));
      ingest.add("-Dlega.broker.route-hub-messages=true");
      ports.add(startWorker("ingest-service", i, ingest));

      List<String> verify = new ArrayList<>(common);
      verify.add("-Dlega.keys.archive.path=" + keys.resolve("archive.sec"));
      verify.add("-Dlega.keys.archive.passphrase-file=" + keys.resolve("archive.pass"));
      ports.add(startWorker("verify-service", i, verify));

      List<String> finalize = new ArrayList<>(common);
      finalize.add("-Dlega.finalize.backup.enabled=" + backup);
      finalize.addAll(storage("lega.backup", backupBucket));
      ports.add(startWorker("finalize-service", i, finalize));
    }
    waitReady("inbox-service", inboxHttp);
    for (int port : ports) {
      waitReady("a worker on port " + port, port);
    }
  }

  private int startWorker(String module, int instance, List<String> props) throws IOException {
    int port = freePort();
    List<String> all = new ArrayList<>(props);
    all.add(0, "-Dquarkus.http.port=" + port);
    services.add(start(module, module + "-" + instance, all));
    return port;
  }

  private List<String> storage(String prefix, String bucket) {
    return List.of(
        "-D" + prefix + ".type=s3",
        "-D" + prefix + ".s3.endpoint=" + s3.endpoint(),
        "-D" + prefix + ".s3.access-key=" + s3.accessKey(),
        "-D" + prefix + ".s3.secret-key=" + s3.secretKey(),
        "-D" + prefix + ".s3.region=" + s3.region(),
        "-D" + prefix + ".s3.bucket=" + bucket);
  }

  private static List<String> datasource(PostgresConnection db) {
    return List.of(
        "-Dquarkus.datasource.jdbc.url=" + db.jdbcUrl(),
        "-Dquarkus.datasource.reactive.url=" + db.reactiveUrl(),
        "-Dquarkus.datasource.username=" + db.username(),
        "-Dquarkus.datasource.password=" + db.password());
  }

  private static void writeKey(Path dir, String name, Crypt4ghPrivateKey key, String passphrase)
      throws IOException {
    KeyFiles.writePrivateKey(
        dir.resolve(name + ".sec"),
        key,
        KeyProtection.withPassphrase(Kdf.SCRYPT, passphrase.toCharArray()),
        "e2e " + name + " key",
        true);
    Files.writeString(dir.resolve(name + ".pass"), passphrase + "\n");
  }

  private static PostgresConnection createDatabase(PostgresConnection pg, String name)
      throws SQLException {
    PostgresConnection admin = pg.withDatabase("postgres");
    try (Connection c =
            DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return pg.withDatabase(name);
  }

  // ------------------------------------------------------------------------------ accessors

  public Path inboxRoot() {
    return dir.resolve("inboxes");
  }

  public int sftpPort() {
    return sftpPort;
  }

  public Crypt4ghPrivateKey submissionKey() {
    return submissionKey;
  }

  public Crypt4ghPrivateKey archiveKey() {
    return archiveKey;
  }

  /** A JDBC connection to the node's database; the caller closes it. */
  public Connection nodeDatabase() throws SQLException {
    return DriverManager.getConnection(nodeDb.jdbcUrl(), nodeDb.username(), nodeDb.password());
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
      return Storages.create(PosixSettings.of(dir.resolve("archive")));
    }
    return bucket(archiveBucket);
  }

  /** The backup bucket as a storage; the caller closes it. */
  public Storage backup() throws IOException {
    return bucket(backupBucket);
  }

  private Storage bucket(String bucket) throws IOException {
    return Storages.create(
        S3Settings.of(s3.endpoint().toString(), s3.accessKey(), s3.secretKey(), bucket)
            .withRegion(s3.region()));
  }

  // ------------------------------------------------------------------------------ the hub API

  /** Calls the hub's API with the admin token. */
  public HttpResponse<String> admin(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hubPort + path))
            .header("Authorization", "Bearer " + ADMIN_TOKEN)
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
      secrets.add(password);
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
            String.valueOf(sftpPort),
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
            String.valueOf(sftpPort),
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

  // ------------------------------------------------------------------------------ processes

  private Process start(String module, String name, List<String> properties) throws IOException {
    Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    if (!Files.exists(jar)) {
      jar = Path.of(module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    }
    assertThat(jar).as("the packaged %s (mvn package builds it)", module).exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--add-opens=java.base/java.lang.invoke=ALL-UNNAMED");
    // extra options for every service JVM, e.g. a flight recording while benchmarking
    String options = System.getProperty("lega.e2e.jvm-options", "").strip();
    if (!options.isEmpty()) {
      command.addAll(List.of(options.split("\\s+")));
    }
    command.addAll(properties);
    command.add("-jar");
    command.add(jar.toString());
    Files.createDirectories(dir.resolve("logs"));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("logs").resolve(name + ".log").toFile())
        .start();
  }

  /** The key passphrases and API tokens the services were given: none may appear in a log. */
  public List<String> secrets() {
    return List.copyOf(secrets);
  }

  /** Every service's log so far. */
  public List<Path> logs() throws IOException {
    try (var files = Files.list(dir.resolve("logs"))) {
      return files.sorted().toList();
    }
  }

  /** A service's log file. */
  public Path log(String name) {
    return dir.resolve("logs").resolve(name + ".log");
  }

  private void waitReady(String what, int port) {
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .alias(what + " ready (logs in " + dir.resolve("logs") + ")")
        .until(
            () -> {
              for (Process p : services) {
                if (!p.isAlive()) {
                  throw new IllegalStateException("a service exited: see " + dir.resolve("logs"));
                }
              }
              return HTTP.send(
                          HttpRequest.newBuilder(
                                  URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                              .build(),
                          HttpResponse.BodyHandlers.discarding())
                      .statusCode()
                  == 200;
            });
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : services) {
      process.destroy();
    }
    for (Process process : services) {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
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
