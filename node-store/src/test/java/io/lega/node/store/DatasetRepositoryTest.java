package io.lega.node.store;

import static io.lega.node.store.Blocking.await;
import static io.lega.node.store.Fixtures.INBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.node.store.model.DatasetEntity;
import io.lega.node.store.model.DatasetEvent;
import io.lega.node.store.model.DatasetState;
import io.lega.node.store.model.FileEvent;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link DatasetRepository}: datasets, their files and their events. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class DatasetRepositoryTest {

  @Inject DatasetRepository datasets;

  @Inject FileRepository files;

  @Test
  void createOrGetRegistersOnce() throws Throwable {
    String stableId = Fixtures.datasetId();

    DatasetEntity created = await(() -> datasets.createOrGet(stableId, "{\"type\": \"mapping\"}"));
    DatasetEntity again = await(() -> datasets.createOrGet(stableId, "{\"type\": \"mapping\"}"));

    assertThat(created.id).isNotNull();
    assertThat(created.stableId).isEqualTo(stableId);
    assertThat(created.state).isEqualTo(DatasetState.REGISTERED);
    assertThat(again.id).isEqualTo(created.id);
    assertThat(await(() -> datasets.events(stableId)))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.event).isEqualTo(DatasetEvent.REGISTERED);
              assertThat(event.datasetId).isEqualTo(created.id);
              assertThat(event.message).contains("mapping");
            });
  }

  @Test
  void mapFilesByAccessionIdOnce() throws Throwable {
    String stableId = Fixtures.datasetId();
    String first = accessioned();
    String second = accessioned();

    assertThat(await(() -> datasets.mapFiles(stableId, List.of(second, first), null))).isEqualTo(2);
    assertThat(await(() -> datasets.mapFiles(stableId, List.of(first, second), null))).isZero();

    assertThat(await(() -> datasets.filesOf(stableId)))
        .extracting(file -> file.accessionId)
        .containsExactlyElementsOf(Stream.of(first, second).sorted().toList());
    assertThat(await(() -> datasets.events(stableId)))
        .extracting(event -> event.event)
        .containsExactly(DatasetEvent.REGISTERED, DatasetEvent.MAPPED);

    // one more file: mapped, with a second event
    String third = accessioned();
    assertThat(await(() -> datasets.mapFiles(stableId, List.of(first, third), null))).isEqualTo(1);
    assertThat(await(() -> datasets.events(stableId)))
        .extracting(event -> event.event)
        .containsExactly(DatasetEvent.REGISTERED, DatasetEvent.MAPPED, DatasetEvent.MAPPED);
    assertThat(await(() -> datasets.filesOf(stableId))).hasSize(3);
  }

  @Test
  void unknownAccessionIdsMapNothing() throws Throwable {
    String stableId = Fixtures.datasetId();
    String known = accessioned();
    String unknown = Fixtures.accessionId();

    assertThatThrownBy(
            () -> await(() -> datasets.mapFiles(stableId, List.of(known, unknown), null)))
        .isInstanceOfSatisfying(
            UnknownAccessionIdsException.class,
            e -> assertThat(e.accessionIds()).containsExactly(unknown));

    // the whole call rolled back: not even the dataset was registered
    assertThat(await(() -> datasets.findByStableId(stableId))).isNull();
    assertThat(await(() -> datasets.filesOf(stableId))).isEmpty();
  }

  @Test
  void whichDatasetsAFileIsIn() throws Throwable {
    String accession = accessioned();
    UUID fileId = await(() -> files.findByAccessionId(accession)).id;
    String a = Fixtures.datasetId();
    String b = Fixtures.datasetId();
    assertThat(await(() -> datasets.isInAnyDataset(fileId))).isFalse();
    assertThat(await(() -> datasets.datasetsOf(fileId))).isEmpty();

    await(() -> datasets.mapFiles(b, List.of(accession), null));
    await(() -> datasets.mapFiles(a, List.of(accession), null));

    assertThat(await(() -> datasets.isInAnyDataset(fileId))).isTrue();
    assertThat(await(() -> datasets.datasetsOf(fileId)))
        .extracting(dataset -> dataset.stableId)
        .containsExactlyElementsOf(Stream.of(a, b).sorted().toList());
  }

  @Test
  void releaseOnce() throws Throwable {
    String stableId = Fixtures.datasetId();
    String accession = accessioned();
    await(() -> datasets.mapFiles(stableId, List.of(accession), null));

    assertThat(await(() -> datasets.release(stableId, "{\"type\": \"release\"}"))).isTrue();
    assertThat(await(() -> datasets.release(stableId, "{\"type\": \"release\"}"))).isFalse();

    assertThat(await(() -> datasets.findByStableId(stableId)).state)
        .isEqualTo(DatasetState.RELEASED);
    assertThat(await(() -> datasets.events(stableId)))
        .extracting(event -> event.event)
        .containsExactly(DatasetEvent.REGISTERED, DatasetEvent.MAPPED, DatasetEvent.RELEASED);
  }

  @Test
  void deprecationIsFinal() throws Throwable {
    String stableId = Fixtures.datasetId();
    await(() -> datasets.createOrGet(stableId, null));
    await(() -> datasets.release(stableId, null));

    assertThat(await(() -> datasets.deprecate(stableId, null))).isTrue();
    assertThat(await(() -> datasets.deprecate(stableId, null))).isFalse();

    assertThatThrownBy(() -> await(() -> datasets.release(stableId, null)))
        .isInstanceOfSatisfying(
            DatasetDeprecatedException.class, e -> assertThat(e.stableId()).isEqualTo(stableId));
    String accession = accessioned();
    assertThatThrownBy(() -> await(() -> datasets.mapFiles(stableId, List.of(accession), null)))
        .isInstanceOf(DatasetDeprecatedException.class);
    assertThat(await(() -> datasets.findByStableId(stableId)).state)
        .isEqualTo(DatasetState.DEPRECATED);
    assertThat(await(() -> datasets.events(stableId)))
        .extracting(event -> event.event)
        .containsExactly(DatasetEvent.REGISTERED, DatasetEvent.RELEASED, DatasetEvent.DEPRECATED);
  }

  @Test
  void aRegisteredDatasetCanBeDeprecatedStraightAway() throws Throwable {
    String stableId = Fixtures.datasetId();
    await(() -> datasets.createOrGet(stableId, null));

    assertThat(await(() -> datasets.deprecate(stableId, null))).isTrue();
  }

  @Test
  void unknownDatasets() throws Throwable {
    String unknown = Fixtures.datasetId();
    assertThatThrownBy(() -> await(() -> datasets.release(unknown, null)))
        .isInstanceOfSatisfying(
            UnknownDatasetException.class, e -> assertThat(e.stableId()).isEqualTo(unknown));
    assertThatThrownBy(() -> await(() -> datasets.deprecate(unknown, null)))
        .isInstanceOf(UnknownDatasetException.class);
    assertThat(await(() -> datasets.findByStableId(unknown))).isNull();
    assertThat(await(() -> datasets.events(unknown))).isEmpty();
  }

  /** A registered file with a fresh accession id, which it returns. */
  private String accessioned() throws Throwable {
    NewFile file = Fixtures.newFile();
    String accession = Fixtures.accessionId();
    await(() -> files.register(file, FileEvent.UPLOADED, INBOX, null));
    await(() -> files.setAccessionId(file.id(), accession));
    return accession;
  }
}
