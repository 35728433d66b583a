package io.lega.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.Infrastructure;
import io.lega.testsupport.PostgresConnection;
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
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submission path as a user meets it: a submitter registered through the hub's API uploads with
 * the OpenSSH {@code sftp} client (key and password logins) to the packaged inbox, and the hub's
 * API then shows every upload with the size and checksums computed here; rename and remove reach it
 * too.
 */
class SubmissionEndToEndTest {
  private static final String ADMIN_TOKEN = "e2e-admin-token-0123456789";
  private static final String SERVICE_TOKEN = "e2e-service-token-0123456789";
  private static final String PASSWORD = "a long enough password";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir static Path dir;
  private static final List<Process> services = new ArrayList<>();
  private static int hubPort;
  private static int sftpPort;

  @BeforeAll
  static void startNode() throws Exception {
    PostgresConnection pg = Infrastructure.sharedPostgres();
    AmqpConnection broker = Infrastructure.sharedBroker();
    hubPort = freePort();
    sftpPort = freePort();
    List<String> brokerProps =
        List.of(
            "-Dlega.broker.host=" + broker.host(),
            "-Dlega.broker.port=" + broker.port(),
            "-Dlega.broker.username=" + broker.username(),
            "-Dlega.broker.password=" + broker.password(),
            "-Dlega.broker.virtual-host=" + broker.virtualHost());
    List<String> hub =
        new ArrayList<>(
            List.of(
                "-Dquarkus.http.port=" + hubPort,
                "-Dquarkus.datasource.jdbc.url=" + pg.jdbcUrl(),
                "-Dquarkus.datasource.reactive.url=" + pg.reactiveUrl(),
                "-Dquarkus.datasource.username=" + pg.username(),
                "-Dquarkus.datasource.password=" + pg.password(),
                "-Dlega.hub.admin-token=" + ADMIN_TOKEN,
                "-Dlega.hub.service-token=" + SERVICE_TOKEN));
    hub.addAll(brokerProps);
    services.add(start("hub-service", hub));
    waitReady(hubPort);
    int inboxHttp = freePort();
    List<String> inbox =
        new ArrayList<>(
            List.of(
                "-Dquarkus.http.port=" + inboxHttp,
                "-Dlega.inbox.sftp.port=" + sftpPort,
                "-Dlega.inbox.sftp.host-key-path=" + dir.resolve("host_key"),
                "-Dlega.inbox.storage.root=" + dir.resolve("inboxes"),
                "-Dlega.inbox.hub.url=http://127.0.0.1:" + hubPort,
                "-Dlega.inbox.hub.token=" + SERVICE_TOKEN,
                "-Dlega.inbox.broker.topology-side=both"));
    inbox.addAll(brokerProps);
    services.add(start("inbox-service", inbox));
    waitReady(inboxHttp);
  }

  @AfterAll
  static void stopNode() throws Exception {
    for (Process process : services) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void uploadsRenamesAndRemovesReachTheHub() throws Exception {
    Path key = dir.resolve("alice_key");
    run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()), null);
    String publicKey = Files.readString(Path.of(key + ".pub")).trim();
    HttpResponse<String> created =
        admin(
            "POST",
            "/api/users",
            "{\"username\":\"alice\",\"email\":\"alice@example.org\",\"password\":\""
                + PASSWORD
                + "\",\"roles\":[\"submitter\"],\"ssh_public_keys\":[\""
                + publicKey
                + "\"]}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    Path empty = crypt4ghLike("empty.c4gh", 0);
    Path small = crypt4ghLike("small.c4gh", 4096);
    Path large = crypt4ghLike("large.c4gh", 100 << 20);
    sftpWithKey(key, "put " + empty + "\nput " + small + "\nput " + large + "\n");
    Path byPassword = crypt4ghLike("by-password.c4gh", 12345);
    sftpWithPassword("put " + byPassword + "\n");

    for (Path file : List.of(empty, small, large, byPassword)) {
      JsonNode submission = awaitSubmission(file.getFileName().toString(), "uploaded");
      assertThat(submission.get("filesize").asLong()).isEqualTo(Files.size(file));
      assertThat(checksum(submission, "sha256")).isEqualTo(digest(file, "SHA-256"));
      assertThat(checksum(submission, "md5")).isEqualTo(digest(file, "MD5"));
    }

    sftpWithKey(key, "rename small.c4gh renamed.c4gh\nrm empty.c4gh\n");
    JsonNode renamed = awaitSubmission("renamed.c4gh", "uploaded");
    assertThat(renamed.get("filesize").asLong()).isEqualTo(4096 + 16);
    awaitSubmission("empty.c4gh", "removed");
  }

  private static JsonNode awaitSubmission(String filepath, String state) {
    JsonNode[] found = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(
            () -> {
              HttpResponse<String> response =
                  admin("GET", "/api/users/alice/submissions?size=100", null);
              assertThat(response.statusCode()).isEqualTo(200);
              JsonNode match = null;
              for (JsonNode item : JSON.readTree(response.body()).get("items")) {
                if (item.get("filepath").asText().equals(filepath)
                    && item.get("state").asText().equals(state)) {
                  match = item;
                }
              }
              assertThat(match).as("%s in state %s", filepath, state).isNotNull();
              found[0] = match;
            });
    return found[0];
  }

  private static String checksum(JsonNode submission, String type) {
    for (JsonNode checksum : submission.get("encrypted_checksums")) {
      if (checksum.get("type").asText().equals(type)) {
        return checksum.get("value").asText();
      }
    }
    throw new AssertionError("no " + type + " checksum in " + submission);
  }

  /** A file that starts like Crypt4GH (magic, version 1) followed by random bytes. */
  private static Path crypt4ghLike(String name, int size) throws IOException {
    Path file = dir.resolve(name);
    byte[] body = new byte[size];
    new Random(size).nextBytes(body);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("crypt4gh".getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[] {1, 0, 0, 0, 1, 0, 0, 0});
      out.write(body);
    }
    return file;
  }

  private static String digest(Path file, String algorithm) throws Exception {
    MessageDigest digest = MessageDigest.getInstance(algorithm);
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void sftpWithKey(Path key, String batch) throws Exception {
    run(
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
            "alice@127.0.0.1"),
        batch);
  }

  private static void sftpWithPassword(String batch) throws Exception {
    Path batchFile = Files.writeString(dir.resolve("batch-" + System.nanoTime()), batch);
    run(
        List.of(
            "sshpass",
            "-p",
            PASSWORD,
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
            "alice@127.0.0.1"),
        null);
  }

  private static void run(List<String> command, String stdin) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (stdin != null) {
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } else {
      process.getOutputStream().close();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as("%s:%n%s", command.get(0), output).isZero();
  }

  private static HttpResponse<String> admin(String method, String path, String body)
      throws Exception {
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

  private static Process start(String module, List<String> properties) throws IOException {
    Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    assertThat(jar).as("the packaged %s (mvn package builds it)", module).exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(properties);
    command.add("-jar");
    command.add(jar.toString());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve(module + ".log").toFile())
        .start();
  }

  private static void waitReady(int port) {
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(
            () ->
                HTTP.send(
                            HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                                .build(),
                            HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                    == 200);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
