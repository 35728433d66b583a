package io.lega.node.store;

import static io.lega.node.store.Blocking.await;
import static io.lega.node.store.Fixtures.INBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lega.node.store.model.DownloadAuditEntity;
import io.lega.node.store.model.DownloadOutcome;
import io.lega.node.store.model.FileEvent;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link DownloadAuditRepository}: one row per download. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class DownloadAuditRepositoryTest {

  @Inject DownloadAuditRepository audit;

  @Inject FileRepository files;

  @Inject DatasetRepository datasets;

  @Test
  void aDownloadStartsAndFinishesOnce() throws Throwable {
    UUID fileId = registered();
    String user = Fixtures.user();
    Long datasetId = await(() -> datasets.createOrGet(Fixtures.datasetId(), null)).id;

    long id =
        await(
            () -> audit.start(new DownloadStart(fileId, datasetId, user, "192.0.2.7", 100L, 200L)));
    DownloadAuditEntity started = await(() -> Panache.withSession(() -> audit.findById(id)));
    assertThat(started.fileId).isEqualTo(fileId);
    assertThat(started.datasetId).isEqualTo(datasetId);
    assertThat(started.username).isEqualTo(user);
    assertThat(started.clientAddress).isEqualTo("192.0.2.7");
    assertThat(started.rangeStart).isEqualTo(100L);
    assertThat(started.rangeEnd).isEqualTo(200L);
    assertThat(started.ranges).isEqualTo("100-200");
    assertThat(started.outcome).isEqualTo(DownloadOutcome.STARTED);
    assertThat(started.bytesSent).isZero();
    assertThat(started.startedAt).isNotNull();
    assertThat(started.finishedAt).isNull();

    assertThat(await(() -> audit.finish(id, 100, DownloadOutcome.COMPLETED, null))).isTrue();
    // a second end (a retried callback) changes nothing
    assertThat(await(() -> audit.finish(id, 5, DownloadOutcome.FAILED, "client went away")))
        .isFalse();

    DownloadAuditEntity finished = await(() -> Panache.withSession(() -> audit.findById(id)));
    assertThat(finished.outcome).isEqualTo(DownloadOutcome.COMPLETED);
    assertThat(finished.bytesSent).isEqualTo(100L);
    assertThat(finished.reason).isNull();
    assertThat(finished.finishedAt).isAfterOrEqualTo(finished.startedAt);
  }

  @Test
  void aDeniedDownloadWithoutRangeOrDataset() throws Throwable {
    UUID fileId = registered();
    String user = Fixtures.user();

    long id = await(() -> audit.start(new DownloadStart(fileId, null, user, null, null, null)));
    await(() -> audit.finish(id, 0, DownloadOutcome.DENIED, "no visa for the dataset"));

    DownloadAuditEntity row = await(() -> Panache.withSession(() -> audit.findById(id)));
    assertThat(row.datasetId).isNull();
    assertThat(row.rangeStart).isNull();
    assertThat(row.outcome).isEqualTo(DownloadOutcome.DENIED);
    assertThat(row.reason).isEqualTo("no visa for the dataset");
  }

  @Test
  void aUsersDownloadsNewestFirst() throws Throwable {
    UUID fileId = registered();
    String user = Fixtures.user();
    long first = await(() -> audit.start(new DownloadStart(fileId, null, user, null, null, null)));
    long second = await(() -> audit.start(new DownloadStart(fileId, null, user, null, null, null)));

    assertThat(await(() -> audit.ofUser(user, Page.ofSize(10))))
        .extracting(row -> row.id)
        .containsExactly(second, first);
  }

  @Test
  void wrongInput() {
    assertThatThrownBy(() -> await(() -> audit.finish(1, 0, DownloadOutcome.STARTED, null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> await(() -> audit.finish(1, -1, DownloadOutcome.FAILED, null)))
        .isInstanceOf(IllegalArgumentException.class);
    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(
            () -> await(() -> audit.start(new DownloadStart(unknown, null, "u", null, null, null))))
        .isInstanceOfSatisfying(
            UnknownFileException.class, e -> assertThat(e.fileId()).isEqualTo(unknown));
  }

  @Test
  void aRequestForAnIdThatNamesNoFileIsAuditedWithTheIdAskedFor() throws Throwable {
    String user = "prober-" + UUID.randomUUID();
    String longId = "EGAF" + "9".repeat(300);
    long id = await(() -> audit.deniedUnknown("EGAF00000000404", user, "no such file"));
    await(() -> audit.deniedUnknown(longId, user, "no such file"));
    // a denied row is finished at once: a later finish changes nothing
    assertThat(await(() -> audit.finish(id, 10, DownloadOutcome.COMPLETED, null))).isFalse();

    List<DownloadAuditEntity> rows = await(() -> audit.ofUser(user, Page.ofSize(10)));
    assertThat(rows)
        .extracting(row -> row.fileId, row -> row.outcome, row -> row.bytesSent, row -> row.reason)
        .containsOnly(tuple(null, DownloadOutcome.DENIED, 0L, "no such file"));
    assertThat(rows)
        .extracting(row -> row.requestedId)
        .containsExactlyInAnyOrder("EGAF00000000404", longId.substring(0, 256));
    assertThat(rows).allSatisfy(row -> assertThat(row.finishedAt).isNotNull());
  }

  private UUID registered() throws Throwable {
    NewFile file = Fixtures.newFile();
    await(() -> files.register(file, FileEvent.UPLOADED, INBOX, null));
    return file.id();
  }
}
