package io.lega.finalize;

import static io.lega.finalize.testing.NodeFiles.accession;
import static io.lega.finalize.testing.NodeFiles.accessionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.finalize.config.FinalizeConfig;
import io.lega.finalize.testing.FinalizeBus;
import io.lega.finalize.testing.FinalizeEnvironment;
import io.lega.finalize.testing.NodeFiles;
import io.lega.finalize.testing.NodeFiles.Prepared;
import io.lega.node.store.FileRepository;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileEventEntity;
import io.lega.node.store.model.FileState;
import io.lega.node.worker.StorageGroup;
import io.lega.platform.broker.MessageHeaders;
import io.lega.platform.storage.Storage;
import io.lega.platform.storage.Storages;
import io.lega.testsupport.NodeBus;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.lega.testsupport.quarkus.PostgresResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The accession queue, end to end: real messages on the broker, files prepared in the node's
 * database and archive (S3) as ingest and verify leave them; backup on a second bucket.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
@QuarkusTestResource(FinalizeEnvironment.class)
class FinalizeServiceTest {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final ObjectMapper JSON = new ObjectMapper();

  @Inject FinalizeConfig config;
  @Inject FileRepository files;
  @Inject MeterRegistry metrics;

  @TestHTTPResource("/q/health/ready")
  URL ready;

  Storage archive;
  Storage backup;
  NodeFiles node;
  NodeBus bus;

  @BeforeEach
  void open() throws Exception {
    archive = Storages.create(StorageGroup.settings(config.archive(), "lega.archive"));
    backup = Storages.create(StorageGroup.settings(config.backup(), "lega.backup"));
    Path inboxRoot = config.inboxStorage().posix().root().orElseThrow();
    node = new NodeFiles(files, archive, inboxRoot);
    bus = FinalizeBus.open(config.broker());
  }

  @AfterEach
  void close() throws IOException {
    bus.close();
    archive.close();
    backup.close();
  }

  @Test
  void anAccessionMakesTheFileReadyBacksItUpCleansTheInboxAndTellsTheHub() throws Exception {
    Prepared file = node.verified();
    String accessionId = accessionId();

    bus.publish("accession", accession(file, accessionId), file.id());

    NodeBus.Received completed = bus.toHub("files.completed", file.id(), WAIT);
    JsonNode body = JSON.readTree(completed.body());
    assertThat(body.get("user").asText()).isEqualTo(file.user());
    assertThat(body.get("filepath").asText()).isEqualTo(file.path());
    assertThat(body.get("accession_id").asText()).isEqualTo(accessionId);
    assertThat(body.get("decrypted_checksums").toString())
        .contains("\"sha256\"", file.sha256(), "\"md5\"", file.md5());

    FileEntity stored = node.file(file.id());
    assertThat(stored.state).isEqualTo(FileState.READY);
    assertThat(stored.accessionId).isEqualTo(accessionId);
    assertThat(stored.backupLocation).isEqualTo(file.id().toString());
    assertThat(readAll(backup, file.id().toString())).isEqualTo(file.body());
    assertThat(readAll(backup, file.id() + ".header")).isEqualTo(file.header());
    assertThat(file.inboxFile()).doesNotExist();
    assertThat(node.events(file.id()))
        .extracting(e -> e.event)
        .containsExactly(
            FileEvent.UPLOADED,
            FileEvent.SUBMITTED,
            FileEvent.ARCHIVED,
            FileEvent.VERIFIED,
            FileEvent.READY);
    await().atMost(WAIT).until(() -> timed("lega.finalize.accessions", "accession", "ready") > 0);
    assertThat(timed("lega.finalize.backup", null, "verified")).isPositive();
  }

  private long timed(String name, String type, String outcome) {
    Timer timer =
        type == null
            ? metrics.find(name).tag("outcome", outcome).timer()
            : metrics.find(name).tag("type", type).tag("outcome", outcome).timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void aRedeliveredAccessionIsFinalizedOnceAndCompletedAgain() throws Exception {
    Prepared file = node.verified();
    String accessionId = accessionId();

    bus.publish("accession", accession(file, accessionId), file.id());
    bus.toHub("files.completed", file.id(), WAIT);
    bus.publish("accession", accession(file, accessionId), file.id());
    NodeBus.Received again = bus.toHub("files.completed", file.id(), WAIT);

    assertThat(JSON.readTree(again.body()).get("accession_id").asText()).isEqualTo(accessionId);
    List<FileEventEntity> events = node.events(file.id());
    assertThat(events).filteredOn(e -> e.event == FileEvent.READY).hasSize(1);
    assertThat(node.file(file.id()).accessionId).isEqualTo(accessionId);
  }

  @Test
  void theSameAccessionHandledAtOnceByManyWorkersIsFinalizedOnce() throws Exception {
    Prepared file = node.verified();
    String accessionId = accessionId();

    for (int i = 0; i < 4; i++) { // prefetch 4: handled at once, as by several instances
      bus.publish("accession", accession(file, accessionId), file.id());
    }

    bus.toHub("files.completed", file.id(), WAIT);
    await()
        .atMost(WAIT)
        .until(
            () -> node.file(file.id()).state == FileState.READY && !Files.exists(file.inboxFile()));
    assertThat(node.events(file.id())).filteredOn(e -> e.event == FileEvent.READY).hasSize(1);
    assertThat(readAll(backup, file.id().toString())).isEqualTo(file.body());
  }

  @Test
  void anAccessionIdOfAnotherFileIsRefused() throws Exception {
    Prepared first = node.verified();
    Prepared second = node.verified();
    String accessionId = accessionId();
    bus.publish("accession", accession(first, accessionId), first.id());
    bus.toHub("files.completed", first.id(), WAIT);

    bus.publish("accession", accession(second, accessionId), second.id());

    JsonNode error = JSON.readTree(bus.toHub("files.error", second.id(), WAIT).body());
    assertThat(error.get("user").asText()).isEqualTo(second.user());
    assertThat(error.get("filepath").asText()).isEqualTo(second.path());
    assertThat(error.get("reason").asText())
        .isEqualTo("accession id " + accessionId + " is already given to another file");
    FileEntity stored = node.file(second.id());
    assertThat(stored.state).isEqualTo(FileState.VERIFIED);
    assertThat(stored.accessionId).isNull();
    assertThat(second.inboxFile()).exists();
    assertThat(node.file(first.id()).accessionId).isEqualTo(accessionId);
  }

  @Test
  void aSecondAccessionIdForAReadyFileIsRefused() throws Exception {
    Prepared file = node.verified();
    String accessionId = accessionId();
    bus.publish("accession", accession(file, accessionId), file.id());
    bus.toHub("files.completed", file.id(), WAIT);

    String other = accessionId();
    bus.publish("accession", accession(file, other), file.id());

    JsonNode error = JSON.readTree(bus.toHub("files.error", file.id(), WAIT).body());
    assertThat(error.get("reason").asText())
        .isEqualTo("the file is ready with accession id " + accessionId + ", not " + other);
    assertThat(node.file(file.id()).accessionId).isEqualTo(accessionId);
    assertThat(node.file(file.id()).state).isEqualTo(FileState.READY);
  }

  @Test
  void anAccessionForAFileNotVerifiedYetIsRefused() throws Exception {
    Prepared file = node.prepare(FileEvent.ARCHIVED, 4096);

    bus.publish("accession", accession(file, accessionId()), file.id());

    JsonNode error = JSON.readTree(bus.toHub("files.error", file.id(), WAIT).body());
    assertThat(error.get("reason").asText())
        .isEqualTo("the file is not verified yet (state archived)");
    FileEntity stored = node.file(file.id());
    assertThat(stored.state).isEqualTo(FileState.ARCHIVED);
    assertThat(stored.accessionId).isNull();
    assertThat(backup.exists(file.id().toString())).isFalse();
    assertThat(node.events(file.id())).noneMatch(e -> e.event == FileEvent.ERROR);
  }

  @Test
  void anAccessionWithOtherChecksumsIsRefused() throws Exception {
    Prepared file = node.verified();
    String wrongSha256 = NodeFiles.hex("SHA-256", NodeFiles.random(16));

    bus.publish(
        "accession",
        accession(file.user(), file.path(), accessionId(), wrongSha256, file.md5()),
        file.id());

    JsonNode error = JSON.readTree(bus.toHub("files.error", file.id(), WAIT).body());
    assertThat(error.get("reason").asText())
        .isEqualTo(
            "the decrypted sha256 checksum "
                + wrongSha256
                + " is not the file's ("
                + file.sha256()
                + ")");
    FileEntity stored = node.file(file.id());
    assertThat(stored.state).isEqualTo(FileState.VERIFIED);
    assertThat(stored.accessionId).isNull();
    assertThat(file.inboxFile()).exists();
  }

  @Test
  void anAccessionForAnUnknownFileIsReportedWithTheMessagesUserAndPath() throws Exception {
    UUID unknown = UUID.randomUUID();

    bus.publish(
        "accession",
        accession("someone", "run9/x.c4gh", accessionId(), "a".repeat(64), "b".repeat(32)),
        unknown);

    JsonNode error = JSON.readTree(bus.toHub("files.error", unknown, WAIT).body());
    assertThat(error.get("user").asText()).isEqualTo("someone");
    assertThat(error.get("filepath").asText()).isEqualTo("run9/x.c4gh");
    assertThat(error.get("reason").asText()).startsWith("unknown file");
  }

  @Test
  void anotherFileAtTheInboxPathIsLeftAlone() throws Exception {
    Prepared file = node.verified();
    Files.write(file.inboxFile(), NodeFiles.random(10)); // the user uploaded something else since

    bus.publish("accession", accession(file, accessionId()), file.id());

    bus.toHub("files.completed", file.id(), WAIT);
    assertThat(node.file(file.id()).state).isEqualTo(FileState.READY);
    assertThat(file.inboxFile()).exists().hasSize(10);
  }

  @Test
  void malformedAccessionMessagesAreQuarantined() throws Exception {
    UUID id = UUID.randomUUID();
    bus.publish("accession", "{not json " + id, id);
    NodeBus.Received notJson = bus.take("error", m -> m.about(id), WAIT);
    assertThat(notJson.header(MessageHeaders.FAILURE)).isEqualTo(MessageHeaders.MALFORMED);
    assertThat(notJson.header(MessageHeaders.SOURCE_QUEUE)).isEqualTo("accession");

    UUID misplaced = UUID.randomUUID();
    bus.publish(
        "accession", "{\"type\": \"release\", \"dataset_id\": \"EGAD00000000001\"}", misplaced);
    NodeBus.Received release = bus.take("error", m -> m.about(misplaced), WAIT);
    assertThat(release.header(MessageHeaders.REASON))
        .isEqualTo("a 'release' message does not belong on queue accession");

    Prepared file = node.verified();
    String withoutId = accession(file, accessionId());
    bus.publish("accession", withoutId, null);
    NodeBus.Received noCorrelationId = bus.take("error", m -> m.text().equals(withoutId), WAIT);
    assertThat(noCorrelationId.header(MessageHeaders.REASON)).contains("no correlation id");
    assertThat(node.file(file.id()).state).isEqualTo(FileState.VERIFIED);
  }

  @Test
  void isReadyWhileConsuming() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(ready.toURI()).build(), BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"broker\"", "\"UP\"");
  }

  static byte[] readAll(Storage storage, String name) throws IOException {
    try (InputStream in = storage.read(name)) {
      return in.readAllBytes();
    }
  }
}
