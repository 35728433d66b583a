package io.lega.e2e;

import static io.lega.e2e.support.TestNode.checksum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.error.Crypt4ghException;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import io.lega.e2e.support.ServiceLogsOnFailure;
import io.lega.e2e.support.TestNode;
import io.lega.platform.storage.Storage;
import io.lega.testsupport.Infrastructure;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ingestion as a submitter and the hub's operators drive it: upload with OpenSSH {@code sftp},
 * trigger through the hub's API, and wait until the file is ready, accessioned and in a released
 * dataset; then check independently what the node archived. Unhappy paths each end in a clear
 * reason at the hub and nothing archived. The node runs two instances of each worker.
 */
class IngestionEndToEndTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static TestNode node;

  @RegisterExtension
  static final ServiceLogsOnFailure SERVICE_LOGS = new ServiceLogsOnFailure(() -> node);

  private static Path aliceKey;
  private static final Random RANDOM = new Random(42);

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNode.start(dir, 2, true);
    aliceKey = node.registerSubmitter("alice");
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  // ------------------------------------------------------------------------------ happy path

  @Test
  void anUploadedFileBecomesAReleasedDatasetFile() throws Exception {
    byte[] plain = random(3 * 65536 + 1234);
    Path encrypted = encrypt("happy.bam.c4gh", plain, node.submissionKey());
    upload(encrypted);
    JsonNode uploaded = node.awaitSubmission("alice", "happy.bam.c4gh", "uploaded", WAIT);
    String id = uploaded.get("id").asText();

    node.trigger(id);
    JsonNode archived = node.awaitSubmission("alice", "happy.bam.c4gh", "archived", WAIT);
    String accession = archived.get("accession_id").asText();
    assertThat(accession).matches("EGAF\\d{11}");
    assertThat(checksum(archived.get("decrypted_checksums"), "sha256"))
        .isEqualTo(hex("SHA-256", plain));
    assertThat(checksum(archived.get("decrypted_checksums"), "md5")).isEqualTo(hex("MD5", plain));

    JsonNode dataset =
        node.adminJson("POST", "/api/datasets", "{\"accession_ids\":[\"" + accession + "\"]}", 201);
    String datasetId = dataset.get("dataset_id").asText();
    assertThat(datasetId).matches("EGAD\\d{11}");
    node.adminJson("POST", "/api/datasets/" + datasetId + "/release", null, 200);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        query(
                            "SELECT d.state FROM datasets d JOIN dataset_files f ON f.dataset_id = d.id"
                                + " WHERE d.stable_id = ? AND f.file_id = ?",
                            datasetId,
                            UUID.fromString(id)))
                    .containsExactly("released"));

    // the node's own records
    assertThat(query("SELECT state FROM files WHERE id = ?", UUID.fromString(id)))
        .containsExactly("ready");
    assertThat(query("SELECT accession_id FROM files WHERE id = ?", UUID.fromString(id)))
        .containsExactly(accession);
    assertThat(checksums(id, "decrypted"))
        .containsEntry("sha256", hex("SHA-256", plain))
        .containsEntry("md5", hex("MD5", plain));

    // the archive alone, with the archive key, gives back the plaintext
    byte[] header = headerOf(id);
    String location =
        query("SELECT archive_location FROM files WHERE id = ?", UUID.fromString(id)).get(0);
    try (Storage archive = node.archive()) {
      byte[] body;
      try (InputStream in = archive.read(location)) {
        body = in.readAllBytes();
      }
      byte[] headerObject;
      try (InputStream in = archive.read(location + ".header")) {
        headerObject = in.readAllBytes();
      }
      assertThat(headerObject).isEqualTo(header);
      assertThat(decrypt(header, body, node.archiveKey())).isEqualTo(plain);
      assertThatThrownBy(() -> decrypt(header, body, node.submissionKey()))
          .isInstanceOf(Crypt4ghException.class);
    }
    try (Storage backup = node.backup()) {
      assertThat(backup.exists(location)).isTrue();
      assertThat(backup.exists(location + ".header")).isTrue();
    }
    // the inbox copy is gone
    assertThat(node.inboxRoot().resolve("alice").resolve("happy.bam.c4gh")).doesNotExist();
  }

  // ------------------------------------------------------------------------------ user errors

  @Test
  void aFileForAnotherKeyIsRefused() throws Exception {
    Path file = encrypt("other-key.c4gh", random(1000), Crypt4ghPrivateKey.generate());
    assertRefused(file, "not encrypted for this archive");
  }

  @Test
  void aSegmentWithAFlippedBitIsRefused() throws Exception {
    Path file = encrypt("flipped.c4gh", random(200_000), node.submissionKey());
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 70_000] ^= 0x10;
    Files.write(file, bytes);
    assertRefused(file, "authentic");
  }

  @Test
  void aTruncatedFileIsRefused() throws Exception {
    Path file = encrypt("truncated.c4gh", random(200_000), node.submissionKey());
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 1000));
    assertRefused(file, "");
  }

  @Test
  void aFileThatIsNotCrypt4ghIsRefused() throws Exception {
    // the inbox sees it at once: the hub shows the upload as an error
    Path plain =
        TestNode.write(
            dir.resolve("plain.txt"), "just some text\n".getBytes(StandardCharsets.UTF_8));
    upload(plain);
    JsonNode refused = node.awaitSubmission("alice", "plain.txt", "error", WAIT);
    assertThat(refused.get("error_reason").asText()).contains("not a Crypt4GH file");
    assertNothingArchived(refused.get("id").asText());

    // one that only starts like Crypt4GH passes the inbox, and ingest refuses it
    byte[] fake = random(5000);
    System.arraycopy("crypt4gh".getBytes(StandardCharsets.US_ASCII), 0, fake, 0, 8);
    System.arraycopy(new byte[] {1, 0, 0, 0, 1, 0, 0, 0}, 0, fake, 8, 8);
    assertRefused(TestNode.write(dir.resolve("fake.c4gh"), fake), "Crypt4GH");
  }

  @Test
  void theSameFileSubmittedTwiceIsRefused() throws Exception {
    Path first = encrypt("twice-1.c4gh", random(5000), node.submissionKey());
    Path second = dir.resolve("twice-2.c4gh");
    Files.copy(first, second);
    upload(first);
    String id = node.awaitSubmission("alice", "twice-1.c4gh", "uploaded", WAIT).get("id").asText();
    node.trigger(id);
    node.awaitSubmission("alice", "twice-1.c4gh", "archived", WAIT);
    assertRefused(second, "already");
  }

  @Test
  void wrongDeclaredChecksumsAreRefused() throws Exception {
    Path file = encrypt("declared.c4gh", random(7000), node.submissionKey());
    upload(file);
    String id = node.awaitSubmission("alice", "declared.c4gh", "uploaded", WAIT).get("id").asText();
    node.adminJson(
        "POST",
        "/api/submissions/" + id + "/ingest",
        "{\"decrypted_checksums\":[{\"type\":\"sha256\",\"value\":\"" + "0".repeat(64) + "\"}]}",
        202);
    JsonNode failed = node.awaitSubmission("alice", "declared.c4gh", "error", WAIT);
    assertThat(failed.get("error_reason").asText()).containsIgnoringCase("sha256");
    assertNothingArchived(id);
  }

  // ------------------------------------------------------------------------------ cancel

  @Test
  void aCancelBeforeMappingRemovesTheFileAndAfterMappingIsRefused() throws Exception {
    String before = ingest("cancel-before.c4gh", random(3000));
    node.adminJson("POST", "/api/submissions/" + before + "/cancel", null, 202);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(query("SELECT state FROM files WHERE id = ?", UUID.fromString(before)))
                    .containsExactly("disabled"));
    assertNothingArchived(before);

    String after = ingest("cancel-after.c4gh", random(3000));
    String accession = node.latest("alice", "cancel-after.c4gh").get("accession_id").asText();
    String dataset =
        node.adminJson("POST", "/api/datasets", "{\"accession_ids\":[\"" + accession + "\"]}", 201)
            .get("dataset_id")
            .asText();
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(query("SELECT stable_id FROM datasets WHERE stable_id = ?", dataset))
                    .hasSize(1));
    node.adminJson("POST", "/api/submissions/" + after + "/cancel", null, 202);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(node.latest("alice", "cancel-after.c4gh").get("error_reason").asText(""))
                    .contains("dataset"));
    assertThat(query("SELECT state FROM files WHERE id = ?", UUID.fromString(after)))
        .containsExactly("ready");
    try (Storage archive = node.archive()) {
      assertThat(archive.exists(after)).isTrue();
    }
  }

  // ------------------------------------------------------------------------------ the hub's
  // mistakes

  @Test
  void anAccessionIdGivenToTwoFilesIsRefusedForTheSecond() throws Exception {
    String first = ingest("accession-1.c4gh", random(2000));
    String taken = node.latest("alice", "accession-1.c4gh").get("accession_id").asText();
    // a second file, verified, then given the first file's accession id by a faulty hub
    String second = ingest("accession-2.c4gh", random(2000));
    JsonNode secondView = node.latest("alice", "accession-2.c4gh");
    String body =
        "{\"type\":\"accession\",\"user\":\"alice\",\"filepath\":\"accession-2.c4gh\",\"accession_id\":\""
            + taken
            + "\",\"decrypted_checksums\":"
            + secondView.get("decrypted_checksums")
            + "}";
    publishToNode(body, second);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(node.latest("alice", "accession-2.c4gh").get("error_reason").asText(""))
                    .contains(taken));
    assertThat(query("SELECT accession_id FROM files WHERE id = ?", UUID.fromString(second)))
        .containsExactly(secondView.get("accession_id").asText());
    assertThat(query("SELECT accession_id FROM files WHERE id = ?", UUID.fromString(first)))
        .containsExactly(taken);
  }

  @Test
  void aMappingOfUnknownFilesIsRefused() throws Exception {
    var response = node.admin("POST", "/api/datasets", "{\"accession_ids\":[\"EGAF99999999999\"]}");
    assertThat(response.statusCode()).isBetween(400, 409);
    assertThat(response.body()).contains("EGAF99999999999");

    // and a hub that sends one anyway: the node maps nothing and parks the message
    int parked = queueDepth("error");
    publishToNode(
        "{\"type\":\"mapping\",\"dataset_id\":\"EGAD99999999999\",\"accession_ids\":[\"EGAF99999999998\"]}",
        UUID.randomUUID().toString());
    await().atMost(WAIT).until(() -> queueDepth("error") > parked);
    assertThat(query("SELECT stable_id FROM datasets WHERE stable_id = ?", "EGAD99999999999"))
        .isEmpty();
  }

  @Test
  void anIngestMessageDeliveredTwiceHasOneEffect() throws Exception {
    Path file = encrypt("twice-delivered.c4gh", random(70_000), node.submissionKey());
    upload(file);
    String id =
        node.awaitSubmission("alice", "twice-delivered.c4gh", "uploaded", WAIT).get("id").asText();
    String body = "{\"type\":\"ingest\",\"user\":\"alice\",\"filepath\":\"twice-delivered.c4gh\"}";
    publishToNode(body, id);
    publishToNode(body, id);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(query("SELECT state FROM files WHERE id = ?", UUID.fromString(id)))
                    .containsAnyOf("verified", "ready"));
    // wait a little for any duplicate work to surface, then count the events
    await()
        .pollDelay(Duration.ofSeconds(2))
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              assertThat(
                      query(
                          "SELECT event FROM file_events WHERE file_id = ? AND event = 'archived'",
                          UUID.fromString(id)))
                  .hasSize(1);
              assertThat(
                      query(
                          "SELECT event FROM file_events WHERE file_id = ? AND event = 'verified'",
                          UUID.fromString(id)))
                  .hasSize(1);
            });
  }

  @Test
  void malformedMessagesOfEveryTypeAreParked() throws Exception {
    List<String> bodies =
        List.of(
            "{\"type\":\"ingest\",\"user\":\"alice\"}",
            "{\"type\":\"cancel\",\"filepath\":\"x\"}",
            "{\"type\":\"accession\",\"user\":\"alice\",\"filepath\":\"x\",\"accession_id\":\"nope\",\"decrypted_checksums\":[]}",
            "{\"type\":\"mapping\",\"dataset_id\":\"EGAD00000000001\",\"accession_ids\":[]}",
            "{\"type\":\"release\"}",
            "{\"type\":\"deprecate\",\"dataset_id\":42}",
            "{\"type\":\"no-such-type\"}",
            "not json at all");
    int before = queueDepth("error");
    for (String body : bodies) {
      publishToNode(body, UUID.randomUUID().toString());
    }
    await().atMost(WAIT).until(() -> queueDepth("error") >= before + bodies.size());
  }

  // ------------------------------------------------------------------------------ two instances

  @Test
  void fiftyFilesThroughTwoInstancesOfEachWorkerAreEachProcessedOnce() throws Exception {
    Path batchDir = Files.createDirectories(dir.resolve("batch"));
    StringBuilder batch = new StringBuilder("mkdir batch\n");
    Map<String, byte[]> plains = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      String name = "f" + i + ".c4gh";
      byte[] plain = random(1000 + i * 997);
      plains.put(name, plain);
      Path file = encrypt("batch/" + name, plain, node.submissionKey());
      batch.append("put ").append(file).append(" batch/").append(name).append('\n');
    }
    node.sftp("alice", aliceKey, batch.toString());
    List<String> ids = new ArrayList<>();
    for (String name : plains.keySet()) {
      ids.add(node.awaitSubmission("alice", "batch/" + name, "uploaded", WAIT).get("id").asText());
    }
    for (String id : ids) {
      node.trigger(id);
    }
    Set<String> accessions = new HashSet<>();
    for (Map.Entry<String, byte[]> entry : plains.entrySet()) {
      JsonNode done = node.awaitSubmission("alice", "batch/" + entry.getKey(), "archived", WAIT);
      assertThat(checksum(done.get("decrypted_checksums"), "sha256"))
          .isEqualTo(hex("SHA-256", entry.getValue()));
      accessions.add(done.get("accession_id").asText());
    }
    assertThat(accessions).hasSize(50);
    for (String id : ids) {
      assertThat(
              query(
                  "SELECT event FROM file_events WHERE file_id = ? AND event IN ('archived','verified','ready') ORDER BY id",
                  UUID.fromString(id)))
          .as("events of %s", id)
          .containsExactly("archived", "verified", "ready");
    }
  }

  @Test
  void noServiceLogsAKeyPassphraseOrAToken() throws Exception {
    // the keys are loaded at start; a file through the whole pipeline logs the rest
    ingest("logged.c4gh", random(1000));
    List<Path> logs = node.logs();
    assertThat(logs).hasSizeGreaterThanOrEqualTo(8);
    for (Path log : logs) {
      String text = Files.readString(log);
      for (String secret : node.secrets()) {
        assertThat(text).as("%s", log.getFileName()).doesNotContain(secret);
      }
    }
  }

  // ------------------------------------------------------------------------------ helpers

  private static String ingest(String name, byte[] plain) throws Exception {
    upload(encrypt(name, plain, node.submissionKey()));
    String id = node.awaitSubmission("alice", name, "uploaded", WAIT).get("id").asText();
    node.trigger(id);
    node.awaitSubmission("alice", name, "archived", WAIT);
    return id;
  }

  private void assertRefused(Path file, String reasonPart) throws Exception {
    upload(file);
    String name = file.getFileName().toString();
    String id = node.awaitSubmission("alice", name, "uploaded", WAIT).get("id").asText();
    node.trigger(id);
    JsonNode failed = node.awaitSubmission("alice", name, "error", WAIT);
    assertThat(failed.get("error_reason").asText()).isNotBlank().containsIgnoringCase(reasonPart);
    assertNothingArchived(id);
  }

  private static void assertNothingArchived(String id) throws Exception {
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              try (Storage archive = node.archive()) {
                assertThat(archive.exists(id)).as("body of %s", id).isFalse();
                assertThat(archive.exists(id + ".header")).as("header of %s", id).isFalse();
              }
            });
  }

  private static void upload(Path file) throws Exception {
    node.sftp("alice", aliceKey, "put " + file + "\n");
  }

  private static Path encrypt(String name, byte[] plain, Crypt4ghPrivateKey recipient)
      throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Crypt4ghOutputStream c4gh =
        Crypt4ghOutputStream.create(out, List.of(recipient.publicKey()), Optional.empty())) {
      c4gh.write(plain);
    }
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    return TestNode.write(file, out.toByteArray());
  }

  private static byte[] decrypt(byte[] header, byte[] body, Crypt4ghPrivateKey key)
      throws Exception {
    DecryptedHeader opened =
        DecryptedHeader.open(Header.read(new ByteArrayInputStream(header)), key, Optional.empty());
    try (InputStream in =
        Crypt4ghInputStream.ofBody(new ByteArrayInputStream(body), opened, ByteRange.all())) {
      return in.readAllBytes();
    }
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static String hex(String algorithm, byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
  }

  private static byte[] headerOf(String id) throws Exception {
    try (Connection c = node.nodeDatabase();
        PreparedStatement s = c.prepareStatement("SELECT header FROM files WHERE id = ?")) {
      s.setObject(1, UUID.fromString(id));
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).isTrue();
        return r.getBytes(1);
      }
    }
  }

  private static Map<String, String> checksums(String id, String source) throws Exception {
    Map<String, String> found = new HashMap<>();
    try (Connection c = node.nodeDatabase();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT type, value FROM checksums WHERE file_id = ? AND source = ?")) {
      s.setObject(1, UUID.fromString(id));
      s.setString(2, source);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found.put(r.getString(1), r.getString(2));
        }
      }
    }
    return found;
  }

  private static List<String> query(String sql, Object... args) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = node.nodeDatabase();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          rows.add(r.getString(1));
        }
      }
    }
    return rows;
  }

  private static com.rabbitmq.client.Connection amqp() throws Exception {
    return Infrastructure.sharedBroker().connectionFactory().newConnection("e2e-test");
  }

  /** Publishes as the hub does: exchange hub, routing key to_node.node1. */
  private static void publishToNode(String body, String correlationId) throws Exception {
    try (com.rabbitmq.client.Connection connection = amqp();
        Channel channel = connection.createChannel()) {
      channel.confirmSelect();
      channel.basicPublish(
          "hub",
          "to_node." + TestNode.NODE,
          new AMQP.BasicProperties.Builder()
              .contentType("application/json")
              .deliveryMode(2)
              .correlationId(correlationId)
              .build(),
          body.getBytes(StandardCharsets.UTF_8));
      channel.waitForConfirmsOrDie(10_000);
    }
  }

  private static int queueDepth(String queue) throws Exception {
    try (com.rabbitmq.client.Connection connection = amqp();
        Channel channel = connection.createChannel()) {
      return channel.queueDeclarePassive(queue).getMessageCount();
    }
  }
}
