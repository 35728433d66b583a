package io.lega.finalize;

import static io.lega.finalize.testing.NodeFiles.accessionId;
import static io.lega.finalize.testing.NodeFiles.datasetId;
import static io.lega.testsupport.quarkus.Blocking.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lega.finalize.config.FinalizeConfig;
import io.lega.finalize.messaging.DatasetRequestRefusedException;
import io.lega.finalize.testing.FinalizeBus;
import io.lega.finalize.testing.FinalizeEnvironment;
import io.lega.finalize.testing.NodeFiles;
import io.lega.finalize.testing.NodeFiles.Prepared;
import io.lega.node.store.DatasetRepository;
import io.lega.node.store.FileRepository;
import io.lega.node.store.model.DatasetEntity;
import io.lega.node.store.model.DatasetEvent;
import io.lega.node.store.model.DatasetEventEntity;
import io.lega.node.store.model.DatasetState;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.worker.StorageGroup;
import io.lega.platform.broker.MessageHeaders;
import io.lega.platform.storage.Storage;
import io.lega.platform.storage.Storages;
import io.lega.testsupport.NodeBus;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mappings queue: mapping, release and deprecate messages, and what the node refuses. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
@QuarkusTestResource(FinalizeEnvironment.class)
class DatasetsTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @Inject FinalizeConfig config;
  @Inject FileRepository files;
  @Inject DatasetRepository datasets;

  Storage archive;
  NodeFiles node;
  NodeBus bus;

  @BeforeEach
  void open() throws Exception {
    archive = Storages.create(StorageGroup.settings(config.archive(), "lega.archive"));
    node = new NodeFiles(files, archive, config.inboxStorage().posix().root().orElseThrow());
    bus = FinalizeBus.open(config.broker());
  }

  @AfterEach
  void close() throws IOException {
    bus.close();
    archive.close();
  }

  @Test
  void aDatasetIsMappedReleasedAndDeprecatedOnceEach() throws Exception {
    String first = accessionId();
    String second = accessionId();
    Prepared a = node.ready(first);
    Prepared b = node.ready(second);
    String dataset = datasetId();

    // back to back, as the hub sends them: the release may be handled before the mapping commits
    bus.publish("mapping", mapping(dataset, first, second), null);
    bus.publish("mapping", mapping(dataset, second, first), null);
    bus.publish("release", release(dataset), null);

    await().atMost(WAIT).until(() -> state(dataset) == DatasetState.RELEASED);
    assertThat(await(() -> datasets.filesOf(dataset)))
        .extracting(f -> f.id)
        .containsExactlyInAnyOrder(a.id(), b.id());

    bus.publish("release", release(dataset), null);
    bus.publish(
        "deprecate", "{\"type\": \"deprecate\", \"dataset_id\": \"" + dataset + "\"}", null);

    await().atMost(WAIT).until(() -> state(dataset) == DatasetState.DEPRECATED);
    List<DatasetEventEntity> events = await(() -> datasets.events(dataset));
    assertThat(events)
        .extracting(e -> e.event)
        .containsExactly(
            DatasetEvent.REGISTERED,
            DatasetEvent.MAPPED,
            DatasetEvent.RELEASED,
            DatasetEvent.DEPRECATED);
    assertThat(events.get(1).message).contains("\"mapping\"", first, second);
    assertThat(events.get(3).message).contains("\"deprecate\"");
  }

  @Test
  void aMappingOfUnknownOrUnreadyFilesMapsNothingAndIsQuarantined() throws Exception {
    String ready = accessionId();
    node.ready(ready);
    Prepared verified = node.verified();
    String notReady = accessionId();
    await(() -> files.setAccessionId(verified.id(), notReady));
    String unknown = accessionId();
    String dataset = datasetId();

    bus.publish("mapping", mapping(dataset, ready, notReady, unknown), null);

    NodeBus.Received parked = bus.take("error", m -> m.text().contains(dataset), WAIT);
    assertThat(parked.header(MessageHeaders.SOURCE_QUEUE)).isEqualTo("mappings");
    assertThat(parked.header(MessageHeaders.EXCEPTION))
        .isEqualTo(DatasetRequestRefusedException.class.getName());
    assertThat(parked.header(MessageHeaders.REASON))
        .isEqualTo(
            "mapping refused: dataset "
                + dataset
                + " names accession ids no file has: "
                + unknown
                + "; files that are not ready: "
                + notReady
                + " (verified)");
    assertThat(await(() -> datasets.findByStableId(dataset))).isNull();
    FileEntity stillVerified = node.file(verified.id());
    assertThat(stillVerified.state.name()).isEqualTo(FileEvent.VERIFIED.name());
  }

  @Test
  void aMappingIntoADeprecatedDatasetIsQuarantined() throws Exception {
    String first = accessionId();
    node.ready(first);
    String dataset = datasetId();
    bus.publish("mapping", mapping(dataset, first), null);
    await().atMost(WAIT).until(() -> state(dataset) == DatasetState.REGISTERED);
    bus.publish(
        "deprecate", "{\"type\": \"deprecate\", \"dataset_id\": \"" + dataset + "\"}", null);
    await().atMost(WAIT).until(() -> state(dataset) == DatasetState.DEPRECATED);

    String later = accessionId();
    node.ready(later);
    bus.publish("mapping", mapping(dataset, later), null);

    NodeBus.Received parked = bus.take("error", m -> m.text().contains(later), WAIT);
    assertThat(parked.header(MessageHeaders.REASON))
        .isEqualTo(
            "mapping refused: dataset " + dataset + " is deprecated and takes no more files");
    assertThat(await(() -> datasets.filesOf(dataset)))
        .extracting(f -> f.accessionId)
        .containsExactly(first);
  }

  @Test
  void aReleaseOfAnUnknownDatasetIsQuarantinedAfterItsRetries() throws Exception {
    String dataset = datasetId();

    bus.publish("release", release(dataset), null);

    NodeBus.Received parked = bus.take("error", m -> m.text().contains(dataset), WAIT);
    assertThat(parked.header(MessageHeaders.REASON))
        .isEqualTo(
            "release refused: dataset "
                + dataset
                + " is unknown to this node (no mapping made it)");
    assertThat(parked.header(MessageHeaders.ATTEMPT))
        .isEqualTo(String.valueOf(config.broker().maxAttempts()));
    assertThat(await(() -> datasets.findByStableId(dataset))).isNull();
  }

  @Test
  void malformedDatasetMessagesAreQuarantined() throws Exception {
    UUID emptyId = UUID.randomUUID();
    bus.publish(
        "mapping",
        "{\"type\": \"mapping\", \"dataset_id\": \"" + datasetId() + "\", \"accession_ids\": []}",
        emptyId);
    NodeBus.Received empty = bus.take("error", m -> m.about(emptyId), WAIT);
    assertThat(empty.header(MessageHeaders.FAILURE)).isEqualTo(MessageHeaders.MALFORMED);

    UUID misplacedId = UUID.randomUUID();
    bus.publish(
        "release",
        "{\"type\": \"cancel\", \"user\": \"u\", \"filepath\": \"f.c4gh\"}",
        misplacedId);
    NodeBus.Received misplaced = bus.take("error", m -> m.about(misplacedId), WAIT);
    assertThat(misplaced.header(MessageHeaders.REASON))
        .isEqualTo("a 'cancel' message does not belong on queue mappings");
  }

  private DatasetState state(String dataset) {
    DatasetEntity entity = await(() -> datasets.findByStableId(dataset));
    return entity == null ? null : entity.state;
  }

  private static String mapping(String dataset, String... accessionIds) {
    return "{\"type\": \"mapping\", \"dataset_id\": \""
        + dataset
        + "\", \"accession_ids\": [\""
        + String.join("\", \"", accessionIds)
        + "\"]}";
  }

  private static String release(String dataset) {
    return "{\"type\": \"release\", \"dataset_id\": \"" + dataset + "\"}";
  }
}
