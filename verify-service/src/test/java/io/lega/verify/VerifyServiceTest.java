package io.lega.verify;

import static io.lega.verify.testing.ArchivedFiles.cutTo;
import static io.lega.verify.testing.ArchivedFiles.flipBit;
import static io.lega.verify.testing.ArchivedFiles.spec;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.contracts.ChecksumType;
import io.lega.crypt4gh.body.Segments;
import io.lega.node.store.FileRepository;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileState;
import io.lega.node.worker.BrokerGroup;
import io.lega.node.worker.NodeKeys;
import io.lega.node.worker.StorageGroup;
import io.lega.platform.broker.MessageHeaders;
import io.lega.platform.storage.Storage;
import io.lega.platform.storage.Storages;
import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.NodeBus;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.lega.testsupport.quarkus.Blocking;
import io.lega.testsupport.quarkus.PostgresResource;
import io.lega.verify.config.VerifyConfig;
import io.lega.verify.testing.ArchivedFiles;
import io.lega.verify.testing.ArchivedFiles.Archived;
import io.lega.verify.testing.VerifyEnvironment;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The archived queue, end to end: real messages on the broker, files encrypted for the archive key
 * and prepared in the node's database and archive (S3) as ingest leaves them.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
@QuarkusTestResource(VerifyEnvironment.class)
class VerifyServiceTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject VerifyConfig config;
  @Inject FileRepository files;

  @TestHTTPResource("/q/health/ready")
  URL ready;

  Storage archive;
  ArchivedFiles node;
  NodeBus bus;

  @BeforeEach
  void open() throws Exception {
    archive = Storages.create(StorageGroup.settings(config.archive(), "lega.archive"));
    node =
        new ArchivedFiles(
            files,
            archive,
            NodeKeys.privateKey(config.keys().archive(), "lega.keys.archive").publicKey());
    BrokerGroup b = config.broker();
    var amqp = new AmqpConnection(b.host(), b.port(), b.username(), b.password(), b.virtualHost());
    bus = new NodeBus(amqp, "verify-test", "files.verified", "files.error");
  }

  @AfterEach
  void close() throws IOException {
    bus.close();
    archive.close();
  }

  @Test
  void anArchivedFileIsVerifiedAndTheHubAskedForAnAccessionId() throws Exception {
    Archived file = node.archived(spec().size(3 * Segments.PLAIN_SIZE + 12345));

    bus.publish("archived", file.message(), file.id());

    NodeBus.Received verified = bus.toHub("files.verified", file.id(), WAIT);
    JsonNode body = JSON.readTree(verified.body());
    assertThat(body.get("user").asText()).isEqualTo(file.user());
    assertThat(body.get("filepath").asText()).isEqualTo(file.path());
    assertThat(checksums(body.get("decrypted_checksums")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("sha256", file.sha256(), "md5", file.md5()));

    FileEntity stored = node.file(file.id());
    assertThat(stored.state).isEqualTo(FileState.VERIFIED);
    assertThat(stored.decryptedSize).isEqualTo(file.plaintextSize());
    assertThat(node.checksums(file.id(), ChecksumSource.DECRYPTED))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(ChecksumType.SHA256, file.sha256(), ChecksumType.MD5, file.md5()));
    assertThat(node.events(file.id()))
        .extracting(e -> e.event)
        .containsExactly(
            FileEvent.UPLOADED, FileEvent.SUBMITTED, FileEvent.ARCHIVED, FileEvent.VERIFIED);
    assertThat(archive.exists(file.id().toString())).isTrue();
    assertThat(archive.exists(file.id() + ".header")).isTrue();
  }

  @Test
  void aLargeMultiSegmentFileWithoutDeclaredChecksumsIsVerified() throws Exception {
    Archived file = node.archived(spec().size(20 * 1024 * 1024 + 777).undeclared());

    bus.publish("archived", file.message(), file.id());

    JsonNode body = JSON.readTree(bus.toHub("files.verified", file.id(), WAIT).body());
    assertThat(checksums(body.get("decrypted_checksums")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("sha256", file.sha256(), "md5", file.md5()));
    FileEntity stored = node.file(file.id());
    assertThat(stored.state).isEqualTo(FileState.VERIFIED);
    assertThat(stored.decryptedSize).isEqualTo(20L * 1024 * 1024 + 777);
  }

  @Test
  void theChecksumsOfAFileWithAnEditListAreOfWhatTheEditListKeeps() throws Exception {
    // skip 1000, keep 70000 (across a segment boundary), skip 5000, keep 30000, skip the rest
    Archived file =
        node.archived(spec().size(4 * Segments.PLAIN_SIZE).editList(1000, 70_000, 5000, 30_000));
    assertThat(file.plaintextSize()).isEqualTo(100_000);

    bus.publish("archived", file.message(), file.id());

    JsonNode body = JSON.readTree(bus.toHub("files.verified", file.id(), WAIT).body());
    assertThat(checksums(body.get("decrypted_checksums")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("sha256", file.sha256(), "md5", file.md5()));
    assertThat(node.file(file.id()).decryptedSize).isEqualTo(100_000L);
  }

  @Test
  void aSegmentThatFailsAuthenticationIsAUserErrorAndTheArchivedObjectsAreRemoved()
      throws Exception {
    long inThirdSegment = 2L * Segments.CIPHER_SIZE + 500;
    Archived file =
        node.archived(
            spec().size(5 * Segments.PLAIN_SIZE).uploadedDamaged(flipBit(inThirdSegment)));

    bus.publish("archived", file.message(), file.id());

    JsonNode error = JSON.readTree(bus.toHub("files.error", file.id(), WAIT).body());
    assertThat(error.get("user").asText()).isEqualTo(file.user());
    assertThat(error.get("filepath").asText()).isEqualTo(file.path());
    assertThat(error.get("reason").asText())
        .isEqualTo("segment 2 of " + file.path() + " failed authentication: the file is corrupt");
    assertFailed(file, error.get("reason").asText());
  }

  @Test
  void wrongDeclaredChecksumsAreAUserError() throws Exception {
    String otherSha256 = ArchivedFiles.hex("SHA-256", ArchivedFiles.random(8));
    Archived file = node.archived(spec().declared(otherSha256, null));

    bus.publish("archived", file.message(), file.id());

    JsonNode error = JSON.readTree(bus.toHub("files.error", file.id(), WAIT).body());
    String reason =
        "the decrypted content of " + file.path() + " does not match the declared sha256";
    assertThat(error.get("reason").asText()).isEqualTo(reason);
    assertFailed(file, reason);
  }

  @Test
  void aWrongDeclaredMd5IsAUserError() throws Exception {
    String otherMd5 = ArchivedFiles.hex("MD5", ArchivedFiles.random(8));
    Archived file = node.archived(spec().declared(null, otherMd5));

    bus.publish("archived", file.message(), file.id());

    JsonNode error = JSON.readTree(bus.toHub("files.error", file.id(), WAIT).body());
    String reason = "the decrypted content of " + file.path() + " does not match the declared md5";
    assertThat(error.get("reason").asText()).isEqualTo(reason);
    assertFailed(file, reason);
  }

  @Test
  void aBodyCutAtASegmentBoundaryAfterArchivingIsADamagedArchiveCopy() throws Exception {
    // every remaining segment authenticates: only the archived checksum and size tell
    Archived file =
        node.archived(
            spec()
                .size(3 * Segments.PLAIN_SIZE + 10)
                .archiveDamaged(cutTo(2L * Segments.CIPHER_SIZE)));

    bus.publish("archived", file.message(), file.id());

    JsonNode error = JSON.readTree(bus.toHub("files.error", file.id(), WAIT).body());
    String reason =
        "the archived copy of "
            + file.path()
            + " is damaged (it differs from what was archived): submit the file again";
    assertThat(error.get("reason").asText()).isEqualTo(reason);
    assertFailed(file, reason);
  }

  @Test
  void aBodyEndingInASegmentTooShortForItsTagIsTruncated() throws Exception {
    Archived file =
        node.archived(
            spec()
                .size(2 * Segments.PLAIN_SIZE + 100)
                .uploadedDamaged(cutTo(2L * Segments.CIPHER_SIZE + 20)));

    bus.publish("archived", file.message(), file.id());

    JsonNode error = JSON.readTree(bus.toHub("files.error", file.id(), WAIT).body());
    String reason =
        "the encrypted content of " + file.path() + " is truncated: the file is corrupt";
    assertThat(error.get("reason").asText()).isEqualTo(reason);
    assertFailed(file, reason);
  }

  @Test
  void aRedeliveredMessageVerifiesOnceAndSendsFilesVerifiedAgain() throws Exception {
    Archived file = node.archived(spec());

    bus.publish("archived", file.message(), file.id());
    bus.toHub("files.verified", file.id(), WAIT);
    bus.publish("archived", file.message(), file.id());
    NodeBus.Received again = bus.toHub("files.verified", file.id(), WAIT);

    assertThat(checksums(JSON.readTree(again.body()).get("decrypted_checksums")))
        .containsEntry("sha256", file.sha256());
    assertThat(node.events(file.id())).filteredOn(e -> e.event == FileEvent.VERIFIED).hasSize(1);
    assertThat(node.file(file.id()).state).isEqualTo(FileState.VERIFIED);
  }

  @Test
  void theSameMessageHandledAtOnceIsVerifiedOnce() throws Exception {
    Archived file = node.archived(spec().size(2 * 1024 * 1024));

    for (int i = 0; i < 3; i++) { // prefetch 4: handled at once, as by several instances
      bus.publish("archived", file.message(), file.id());
    }

    bus.toHub("files.verified", file.id(), WAIT);
    List<NodeBus.Received> more = bus.toHubWithin(Duration.ofSeconds(3));
    // one files.verified per delivery at most: the one that recorded it, and any that came after
    assertThat(more).filteredOn(m -> m.about(file.id())).hasSizeLessThanOrEqualTo(2);
    assertThat(more).filteredOn(m -> m.routingKey().equals("files.error")).isEmpty();
    assertThat(node.events(file.id())).filteredOn(e -> e.event == FileEvent.VERIFIED).hasSize(1);
  }

  @Test
  void aFileInErrorIsLeftAlone() throws Exception {
    Archived file = node.archived(spec());
    markInError(file.id());

    bus.publish("archived", file.message(), file.id());
    // a file verified after it shows the consumer at work; then nothing may come about the first
    Archived other = node.archived(spec());
    bus.publish("archived", other.message(), other.id());
    bus.toHub("files.verified", other.id(), WAIT);

    assertThat(bus.toHubWithin(Duration.ofSeconds(1))).noneMatch(m -> m.about(file.id()));
    assertThat(node.file(file.id()).state).isEqualTo(FileState.ERROR);
    assertThat(archive.exists(file.id().toString())).isTrue();
  }

  @Test
  void malformedMessagesAreQuarantined() throws Exception {
    UUID id = UUID.randomUUID();
    bus.publish("archived", "this is not json", id);
    NodeBus.Received notJson = bus.take("error", m -> m.about(id), WAIT);
    assertThat(notJson.header(MessageHeaders.FAILURE)).isEqualTo(MessageHeaders.MALFORMED);
    assertThat(notJson.header(MessageHeaders.SOURCE_QUEUE)).isEqualTo("archived");

    UUID unknown = UUID.randomUUID();
    String aboutUnknown =
        """
        {"file_id": "%s", "user": "someone", "filepath": "run9/x.c4gh", "archive_path": "%s",
         "encrypted_checksums": [{"type": "sha256", "value": "%s"}]}
        """
            .formatted(unknown, unknown, "a".repeat(64));
    bus.publish("archived", aboutUnknown, unknown);
    NodeBus.Received unknownFile = bus.take("error", m -> m.about(unknown), WAIT);
    assertThat(unknownFile.header(MessageHeaders.FAILURE)).isEqualTo(MessageHeaders.MALFORMED);
    assertThat(unknownFile.header(MessageHeaders.REASON))
        .isEqualTo("file " + unknown + " is unknown to this node: it never archived it");

    Archived file = node.archived(spec());
    String noChecksums =
        """
        {"file_id": "%s", "user": "%s", "filepath": "%s", "archive_path": "%s"}
        """
            .formatted(file.id(), file.user(), file.path(), file.id());
    bus.publish("archived", noChecksums, file.id());
    NodeBus.Received invalid = bus.take("error", m -> m.about(file.id()), WAIT);
    assertThat(invalid.header(MessageHeaders.FAILURE)).isEqualTo(MessageHeaders.MALFORMED);

    bus.publish("archived", file.message(), null);
    NodeBus.Received noId = bus.take("error", m -> m.text().equals(file.message()), WAIT);
    assertThat(noId.header(MessageHeaders.REASON)).contains("no correlation id");
    assertThat(node.file(file.id()).state).isEqualTo(FileState.ARCHIVED);
  }

  @Test
  void isReadyWhileConsuming() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(ready.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"broker\"", "archived");
  }

  private void markInError(UUID id) {
    Blocking.await(() -> files.recordEvent(id, FileEvent.ERROR, "ingest-service", "test", null));
  }

  private void assertFailed(Archived file, String reason) throws IOException {
    FileEntity stored = node.file(file.id());
    assertThat(stored.state).isEqualTo(FileState.ERROR);
    assertThat(node.events(file.id()))
        .last()
        .satisfies(
            e -> {
              assertThat(e.event).isEqualTo(FileEvent.ERROR);
              assertThat(e.reason).isEqualTo(reason);
            });
    assertThat(node.checksums(file.id(), ChecksumSource.DECRYPTED)).isEmpty();
    assertThat(archive.exists(file.id().toString())).isFalse();
    assertThat(archive.exists(file.id() + ".header")).isFalse();
  }

  private static Map<String, String> checksums(JsonNode array) {
    Map<String, String> values = new java.util.HashMap<>();
    array.forEach(c -> values.put(c.get("type").asText(), c.get("value").asText()));
    return values;
  }
}
