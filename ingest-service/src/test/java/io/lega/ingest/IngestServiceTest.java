package io.lega.ingest;

import static io.lega.ingest.testing.InboxFiles.body;
import static io.lega.ingest.testing.InboxFiles.checksums;
import static io.lega.ingest.testing.InboxFiles.encrypt;
import static io.lega.ingest.testing.InboxFiles.md5;
import static io.lega.ingest.testing.InboxFiles.newUser;
import static io.lega.ingest.testing.InboxFiles.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.contracts.Checksum;
import io.lega.contracts.ChecksumType;
import io.lega.contracts.IngestionCancel;
import io.lega.contracts.IngestionTrigger;
import io.lega.contracts.Message;
import io.lega.contracts.MessageCodec;
import io.lega.crypt4gh.body.Segments;
import io.lega.crypt4gh.error.NoDecryptablePacketException;
import io.lega.crypt4gh.header.DataEditList;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.header.Header;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.ingest.config.IngestConfig;
import io.lega.ingest.testing.InboxFiles;
import io.lega.ingest.testing.IngestEnvironment;
import io.lega.node.store.DatasetRepository;
import io.lega.node.store.FileRepository;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileEventEntity;
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
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queue {@code ingest}, end to end: real messages on the broker, Crypt4GH files in a POSIX inbox,
 * the archive on S3, the node's database; no verify service runs, so the test reads the {@code
 * archived} queue itself.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
@QuarkusTestResource(IngestEnvironment.class)
class IngestServiceTest {

  static final Duration WAIT = Duration.ofSeconds(60);
  static final ObjectMapper JSON = new ObjectMapper();
  static final MessageCodec CODEC = MessageCodec.shared();

  @Inject IngestConfig config;
  @Inject FileRepository files;
  @Inject DatasetRepository datasets;

  @TestHTTPResource("/q/health/ready")
  URL ready;

  Storage archive;
  InboxFiles inbox;
  NodeBus bus;
  List<Crypt4ghPrivateKey> submissionKeys;
  Crypt4ghPrivateKey archiveKey;

  @BeforeEach
  void open() throws Exception {
    archive = Storages.create(StorageGroup.settings(config.archive(), "lega.archive"));
    inbox = new InboxFiles(config.inboxStorage().posix().root().orElseThrow());
    BrokerGroup b = config.broker();
    var amqp = new AmqpConnection(b.host(), b.port(), b.username(), b.password(), b.virtualHost());
    bus = new NodeBus(amqp, "ingest-test", "files.error", "files.verified");
    submissionKeys = NodeKeys.privateKeys(config.keys().submission(), "lega.keys.submission");
    var settings = ConfigProvider.getConfig();
    Path archiveKeyFile = Path.of(settings.getValue("test.archive-key.path", String.class));
    char[] passphrase =
        settings.getValue("test.archive-key.passphrase", String.class).toCharArray();
    archiveKey = KeyFiles.readPrivateKey(archiveKeyFile, () -> passphrase.clone());
  }

  @AfterEach
  void close() throws IOException {
    bus.close();
    archive.close();
  }

  // ---------------------------------------------------------------------------------- happy path

  @Test
  void aSubmittedFileIsArchivedForTheArchiveKeyAlone() throws Exception {
    String user = newUser();
    String path = "run1/sample.bam.c4gh";
    byte[] plaintext = inbox.plaintext(3 * Segments.PLAIN_SIZE + 12345);
    byte[] file = encrypt(plaintext, submissionKeys.get(0).publicKey());
    inbox.put(user, path, file);
    UUID id = UUID.randomUUID();
    List<Checksum> declared =
        List.of(Checksum.sha256(sha256(plaintext)), Checksum.md5(md5(plaintext)));

    // as the hub sends it: to the node's inbound queue, moved to queue ingest by the hub router
    bus.publish(
        "hub",
        "to_node." + config.broker().nodeName(),
        json(new IngestionTrigger(user, path, checksums(file), declared)),
        id);

    JsonNode archived = JSON.readTree(takeArchived(id).body());
    byte[] body = body(file);
    assertThat(archived.get("file_id").asText()).isEqualTo(id.toString());
    assertThat(archived.get("user").asText()).isEqualTo(user);
    assertThat(archived.get("filepath").asText()).isEqualTo(path);
    assertThat(archived.get("archive_path").asText()).isEqualTo(id.toString());
    assertThat(archived.get("encrypted_checksums").get(0).get("type").asText()).isEqualTo("sha256");
    assertThat(archived.get("encrypted_checksums").get(0).get("value").asText())
        .isEqualTo(sha256(body));

    // the archive: the body as uploaded, and a header that the archive key alone opens
    byte[] archivedBody = read(id.toString());
    byte[] headerObject = read(id + ".header");
    assertThat(archivedBody).isEqualTo(body);
    assertThat(decrypt(headerObject, archivedBody, archiveKey)).isEqualTo(plaintext);
    for (Crypt4ghPrivateKey submissionKey : submissionKeys) {
      assertThatThrownBy(
              () ->
                  DecryptedHeader.open(
                      Header.read(new ByteArrayInputStream(headerObject)),
                      submissionKey,
                      Optional.empty()))
          .isInstanceOf(NoDecryptablePacketException.class);
    }
    assertThat(Header.read(new ByteArrayInputStream(headerObject)).packets()).hasSize(1);

    // the database
    FileEntity stored = file(id);
    assertThat(stored.state).isEqualTo(FileState.ARCHIVED);
    assertThat(stored.submissionUser).isEqualTo(user);
    assertThat(stored.inboxPath).isEqualTo(path);
    assertThat(stored.inboxSize).isEqualTo(file.length);
    assertThat(stored.archiveLocation).isEqualTo(id.toString());
    assertThat(stored.archiveSize).isEqualTo(body.length);
    assertThat(stored.header).isEqualTo(headerObject);
    assertThat(stored.dataKeySha256).matches("[0-9a-f]{64}");
    assertThat(stored(id, ChecksumSource.ARCHIVED))
        .containsExactlyEntriesOf(Map.of(ChecksumType.SHA256, sha256(body)));
    assertThat(stored(id, ChecksumSource.UPLOADED))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(ChecksumType.SHA256, sha256(file), ChecksumType.MD5, md5(file)));
    List<FileEventEntity> events = events(id);
    assertThat(events)
        .extracting(e -> e.event)
        .containsExactly(FileEvent.UPLOADED, FileEvent.SUBMITTED, FileEvent.ARCHIVED);
    // verify reads the declared plaintext checksums from the submitted event
    assertThat(JSON.readTree(events.get(1).message).get("decrypted_checksums").toString())
        .contains(sha256(plaintext), md5(plaintext));
    assertThat(events.get(2).actor).isEqualTo("ingest-service");
  }

  @Test
  void aFileForTheSecondSubmissionKeyIsArchivedWithItsEditList() throws Exception {
    String user = newUser();
    String path = "rotated.c4gh";
    byte[] plaintext = inbox.plaintext(2 * Segments.PLAIN_SIZE + 10);
    // keep 1000 bytes, skip 70000, keep the rest
    byte[] file =
        encrypt(
            plaintext,
            submissionKeys.get(1).publicKey(),
            Optional.of(DataEditList.of(0, 1000, 70_000)));
    inbox.put(user, path, file);
    UUID id = UUID.randomUUID();

    bus.publish("lega", "ingest", json(new IngestionTrigger(user, path)), id);

    takeArchived(id);
    byte[] headerObject = read(id + ".header");
    DecryptedHeader opened =
        DecryptedHeader.open(
            Header.read(new ByteArrayInputStream(headerObject)), archiveKey, Optional.empty());
    assertThat(opened.editList()).contains(DataEditList.of(0, 1000, 70_000));
    byte[] expected = new byte[1000 + plaintext.length - 71_000];
    System.arraycopy(plaintext, 0, expected, 0, 1000);
    System.arraycopy(plaintext, 71_000, expected, 1000, plaintext.length - 71_000);
    assertThat(decrypt(headerObject, read(id.toString()), archiveKey)).isEqualTo(expected);
    assertThat(file(id).state).isEqualTo(FileState.ARCHIVED);
    // no checksums given: none recorded for the upload
    assertThat(stored(id, ChecksumSource.UPLOADED)).isEmpty();
  }

  // --------------------------------------------------------------------------------- user errors

  @Test
  void aFileMissingFromTheInboxIsAUserError() throws Exception {
    String user = newUser();
    UUID id = UUID.randomUUID();

    bus.publish("lega", "ingest", json(new IngestionTrigger(user, "nowhere.c4gh")), id);

    assertUserError(id, user, "nowhere.c4gh", "the file nowhere.c4gh is not in your inbox");
  }

  @Test
  void aFileThatIsNotCrypt4ghIsAUserError() throws Exception {
    String user = newUser();
    inbox.put(user, "plain.txt", "just some text, not encrypted".getBytes(StandardCharsets.UTF_8));
    UUID id = UUID.randomUUID();

    bus.publish("lega", "ingest", json(new IngestionTrigger(user, "plain.txt")), id);

    assertUserError(id, user, "plain.txt", "the file plain.txt is not a Crypt4GH file");
  }

  @Test
  void aFileWithATruncatedHeaderIsAUserError() throws Exception {
    String user = newUser();
    byte[] file = encrypt(inbox.plaintext(1000), submissionKeys.get(0).publicKey());
    inbox.put(user, "cut.c4gh", Arrays.copyOf(file, 40));
    UUID id = UUID.randomUUID();

    bus.publish("lega", "ingest", json(new IngestionTrigger(user, "cut.c4gh")), id);

    assertUserError(id, user, "cut.c4gh", "the file cut.c4gh is not a Crypt4GH file");
  }

  @Test
  void aFileEncryptedForAnotherKeyIsAUserError() throws Exception {
    String user = newUser();
    byte[] file = encrypt(inbox.plaintext(5000), Crypt4ghPrivateKey.generate().publicKey());
    inbox.put(user, "other.c4gh", file);
    UUID id = UUID.randomUUID();

    bus.publish("lega", "ingest", json(new IngestionTrigger(user, "other.c4gh")), id);

    assertUserError(
        id, user, "other.c4gh", "the file other.c4gh is not encrypted for this archive's key");
  }

  @Test
  void aFileWithATruncatedBodyIsAUserError() throws Exception {
    String user = newUser();
    byte[] file =
        encrypt(inbox.plaintext(2 * Segments.PLAIN_SIZE), submissionKeys.get(0).publicKey());
    int cut = InboxFiles.headerLength(file) + Segments.CIPHER_SIZE + 10;
    inbox.put(user, "short.c4gh", Arrays.copyOf(file, cut));
    UUID id = UUID.randomUUID();

    bus.publish("lega", "ingest", json(new IngestionTrigger(user, "short.c4gh")), id);

    assertUserError(id, user, "short.c4gh", "the file short.c4gh is truncated");
  }

  @Test
  void wrongEncryptedChecksumsAreAUserError() throws Exception {
    String user = newUser();
    byte[] file = encrypt(inbox.plaintext(100_000), submissionKeys.get(0).publicKey());
    inbox.put(user, "sums.c4gh", file);
    UUID id = UUID.randomUUID();
    byte[] other = file.clone();
    other[other.length - 1] ^= 1;

    bus.publish(
        "lega", "ingest", json(new IngestionTrigger(user, "sums.c4gh", checksums(other))), id);

    assertUserError(
        id, user, "sums.c4gh", "the checksums given for sums.c4gh do not match the uploaded file");
    assertThat(stored(id, ChecksumSource.ARCHIVED)).isEmpty();
  }

  @Test
  void theSameFileSubmittedTwiceIsAUserError() throws Exception {
    String user = newUser();
    byte[] file = encrypt(inbox.plaintext(70_000), submissionKeys.get(0).publicKey());
    inbox.put(user, "first.c4gh", file);
    inbox.put(user, "copy.c4gh", file);
    UUID first = UUID.randomUUID();
    bus.publish("lega", "ingest", json(new IngestionTrigger(user, "first.c4gh")), first);
    takeArchived(first);

    UUID second = UUID.randomUUID();
    bus.publish("lega", "ingest", json(new IngestionTrigger(user, "copy.c4gh")), second);

    assertUserError(
        second,
        user,
        "copy.c4gh",
        "this file was already submitted: its data key is used by an archived file");
    // the first submission is untouched
    assertThat(file(first).state).isEqualTo(FileState.ARCHIVED);
    assertThat(archive.exists(first.toString())).isTrue();
    assertThat(archive.exists(first + ".header")).isTrue();
  }

  // ---------------------------------------------------------------------------------- redelivery

  @Test
  void anIngestDeliveredAgainArchivesOnceAndSendsArchivedAgain() throws Exception {
    String user = newUser();
    byte[] file = encrypt(inbox.plaintext(150_000), submissionKeys.get(0).publicKey());
    inbox.put(user, "twice.c4gh", file);
    UUID id = UUID.randomUUID();
    String message = json(new IngestionTrigger(user, "twice.c4gh", checksums(file)));

    bus.publish("lega", "ingest", message, id);
    String first = takeArchived(id).text();
    byte[] header = read(id + ".header");

    bus.publish("lega", "ingest", message, id);
    String again = takeArchived(id).text();

    assertThat(JSON.readTree(again)).isEqualTo(JSON.readTree(first));
    assertThat(read(id + ".header")).isEqualTo(header); // not archived a second time
    assertThat(file(id).header).isEqualTo(header);
    assertThat(events(id))
        .extracting(e -> e.event)
        .containsExactly(FileEvent.UPLOADED, FileEvent.SUBMITTED, FileEvent.ARCHIVED);
    assertThat(bus.toHubWithin(id, Duration.ofMillis(500))).isEmpty();
  }

  @Test
  void anIngestDeliveredManyTimesAtOnceRecordsOneArchivedEvent() throws Exception {
    String user = newUser();
    byte[] file =
        encrypt(inbox.plaintext(3 * Segments.PLAIN_SIZE), submissionKeys.get(0).publicKey());
    inbox.put(user, "burst.c4gh", file);
    UUID id = UUID.randomUUID();
    String message = json(new IngestionTrigger(user, "burst.c4gh"));

    int deliveries = 6; // more than the prefetch: some start while others record their work
    for (int i = 0; i < deliveries; i++) {
      bus.publish("lega", "ingest", message, id);
    }

    takeArchived(id);
    // each delivery sends archived at most once: a later one either finds the file archived and
    // sends it again, or lost the race to record it and sends nothing; none sets the file back
    List<NodeBus.Received> more = bus.takeAll("archived", m -> m.about(id), Duration.ofSeconds(3));
    assertThat(more).hasSizeLessThanOrEqualTo(deliveries - 1);
    assertThat(events(id))
        .extracting(e -> e.event)
        .containsExactly(FileEvent.UPLOADED, FileEvent.SUBMITTED, FileEvent.ARCHIVED);
    FileEntity stored = file(id);
    assertThat(stored.state).isEqualTo(FileState.ARCHIVED);
    assertThat(read(id + ".header")).isEqualTo(stored.header);
    assertThat(decrypt(stored.header, read(id.toString()), archiveKey))
        .hasSize(3 * Segments.PLAIN_SIZE);
  }

  // -------------------------------------------------------------------------------------- cancel

  @Test
  void aCancelledFileLosesItsArchivedObjectsAndIsDisabled() throws Exception {
    String user = newUser();
    byte[] file = encrypt(inbox.plaintext(10_000), submissionKeys.get(0).publicKey());
    inbox.put(user, "cancel.c4gh", file);
    UUID id = UUID.randomUUID();
    bus.publish("lega", "ingest", json(new IngestionTrigger(user, "cancel.c4gh")), id);
    takeArchived(id);
    assertThat(archive.exists(id.toString())).isTrue();

    bus.publish("lega", "cancel", json(new IngestionCancel(user, "cancel.c4gh")), id);

    await().atMost(WAIT).until(() -> file(id).state == FileState.DISABLED);
    assertThat(archive.exists(id.toString())).isFalse();
    assertThat(archive.exists(id + ".header")).isFalse();
    FileEventEntity disabled = last(events(id));
    assertThat(disabled.event).isEqualTo(FileEvent.DISABLED);
    assertThat(disabled.reason).isEqualTo("cancelled by the hub");

    // a second cancel changes nothing; an ingest of the cancelled file is refused
    bus.publish("lega", "cancel", json(new IngestionCancel(user, "cancel.c4gh")), id);
    bus.publish("lega", "ingest", json(new IngestionTrigger(user, "cancel.c4gh")), id);
    JsonNode error = JSON.readTree(bus.toHub("files.error", id, WAIT).body());
    assertThat(error.get("reason").asText()).contains("the ingestion was cancelled");
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(() -> events(id).size() == 4 && file(id).state == FileState.DISABLED);
    assertThat(archive.exists(id.toString())).isFalse();
  }

  @Test
  void aCancelOfAFileInADatasetIsRefused() throws Exception {
    String user = newUser();
    byte[] file = encrypt(inbox.plaintext(10_000), submissionKeys.get(0).publicKey());
    inbox.put(user, "mapped.c4gh", file);
    UUID id = UUID.randomUUID();
    bus.publish("lega", "ingest", json(new IngestionTrigger(user, "mapped.c4gh")), id);
    takeArchived(id);
    String accession =
        String.format("EGAF%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
    String dataset =
        String.format("EGAD%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
    Blocking.await(() -> files.setAccessionId(id, accession));
    Blocking.await(() -> datasets.mapFiles(dataset, List.of(accession), null));

    bus.publish("lega", "cancel", json(new IngestionCancel(user, "mapped.c4gh")), id);

    JsonNode error = JSON.readTree(bus.toHub("files.error", id, WAIT).body());
    assertThat(error.get("user").asText()).isEqualTo(user);
    assertThat(error.get("filepath").asText()).isEqualTo("mapped.c4gh");
    assertThat(error.get("reason").asText())
        .isEqualTo("the file is in a dataset and cannot be cancelled");
    assertThat(file(id).state).isEqualTo(FileState.ARCHIVED);
    assertThat(events(id))
        .extracting(e -> e.event)
        .doesNotContain(FileEvent.ERROR, FileEvent.DISABLED);
    assertThat(archive.exists(id.toString())).isTrue();
    assertThat(archive.exists(id + ".header")).isTrue();
  }

  // ---------------------------------------------------------------------------------- malformed

  @Test
  void malformedMessagesAreQuarantined() throws Exception {
    UUID notJson = UUID.randomUUID();
    bus.publish("lega", "ingest", "{not json", notJson);
    NodeBus.Received quarantined = bus.take("error", m -> m.about(notJson), WAIT);
    assertThat(quarantined.header(MessageHeaders.FAILURE)).isEqualTo(MessageHeaders.MALFORMED);
    assertThat(quarantined.header(MessageHeaders.SOURCE_QUEUE)).isEqualTo("ingest");

    UUID noFilepath = UUID.randomUUID();
    bus.publish("lega", "ingest", "{\"type\": \"ingest\", \"user\": \"someone\"}", noFilepath);
    assertThat(bus.take("error", m -> m.about(noFilepath), WAIT).header(MessageHeaders.FAILURE))
        .isEqualTo(MessageHeaders.MALFORMED);

    // a hub message of another type, routed here by mistake
    UUID wrongType = UUID.randomUUID();
    bus.publish(
        "lega",
        "ingest",
        "{\"type\": \"release\", \"dataset_id\": \"EGAD00000000001\"}",
        wrongType);
    NodeBus.Received release = bus.take("error", m -> m.about(wrongType), WAIT);
    assertThat(release.header(MessageHeaders.FAILURE)).isEqualTo(MessageHeaders.MALFORMED);
    assertThat(release.header(MessageHeaders.REASON)).contains("release");

    // an ingest without a correlation id: the file cannot be named
    String user = newUser();
    String body = json(new IngestionTrigger(user, "anonymous.c4gh"));
    bus.publish("lega", "ingest", body, null);
    NodeBus.Received noId = bus.take("error", m -> m.text().equals(body), WAIT);
    assertThat(noId.header(MessageHeaders.REASON)).contains("no correlation id");

    // none of them reached the hub, and the service still works
    assertThat(bus.toHubWithin(notJson, Duration.ofMillis(200))).isEmpty();
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(ready.toURI()).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"broker\"");
  }

  // ------------------------------------------------------------------------------------ helpers

  private void assertUserError(UUID id, String user, String path, String reason) throws Exception {
    JsonNode error = JSON.readTree(bus.toHub("files.error", id, WAIT).body());
    assertThat(error.get("user").asText()).isEqualTo(user);
    assertThat(error.get("filepath").asText()).isEqualTo(path);
    assertThat(error.get("reason").asText()).startsWith(reason);
    FileEntity stored = file(id);
    assertThat(stored).isNotNull();
    assertThat(stored.state).isEqualTo(FileState.ERROR);
    FileEventEntity last = last(events(id));
    assertThat(last.event).isEqualTo(FileEvent.ERROR);
    assertThat(last.reason).startsWith(reason);
    assertThat(archive.exists(id.toString())).isFalse();
    assertThat(archive.exists(id + ".header")).isFalse();
    assertThat(bus.takeAll("archived", m -> m.about(id), Duration.ofMillis(200))).isEmpty();
  }

  private NodeBus.Received takeArchived(UUID id) throws IOException, InterruptedException {
    return bus.take("archived", m -> m.about(id), WAIT);
  }

  private static String json(Message message) {
    return new String(CODEC.encode(message), StandardCharsets.UTF_8);
  }

  private byte[] read(String name) throws IOException {
    try (InputStream in = archive.read(name)) {
      return in.readAllBytes();
    }
  }

  private static byte[] decrypt(byte[] header, byte[] body, Crypt4ghPrivateKey key)
      throws IOException {
    try (InputStream in =
        Crypt4ghInputStream.open(
            new SequenceInputStream(
                new ByteArrayInputStream(header), new ByteArrayInputStream(body)),
            key)) {
      return in.readAllBytes();
    }
  }

  private static <T> T last(List<T> list) {
    return list.get(list.size() - 1);
  }

  private FileEntity file(UUID id) {
    return Blocking.await(() -> Panache.withSession(() -> files.findById(id)));
  }

  private List<FileEventEntity> events(UUID id) {
    return Blocking.await(() -> files.events(id));
  }

  private Map<ChecksumType, String> stored(UUID id, ChecksumSource source) {
    return Blocking.await(() -> files.checksums(id, source));
  }
}
