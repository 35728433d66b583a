package io.lega.node.store;

import static io.lega.node.store.Fixtures.INBOX;
import static io.lega.node.store.Fixtures.MD5_A;
import static io.lega.node.store.Fixtures.SHA256_A;
import static io.lega.node.store.Fixtures.SHA256_B;
import static io.lega.node.store.Fixtures.newFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.lega.contracts.ChecksumType;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileState;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeStore}: the workers' blocking calls, each one transaction, state changes under the
 * file row's lock. Called from the test thread, as a consumer's worker thread calls them.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class NodeStoreTest {

  private static final String ACTOR = "test-worker";
  private static final Set<FileState> SUBMITTED = EnumSet.of(FileState.SUBMITTED);
  private static final Set<FileState> CLAIMABLE =
      EnumSet.of(FileState.REGISTERED, FileState.UPLOADED, FileState.SUBMITTED, FileState.ERROR);

  @Inject NodeStore store;

  @Inject AgroalDataSource database;

  // --- reads

  @Test
  void anUnknownFileIsEmpty() throws Exception {
    assertThat(store.file(UUID.randomUUID())).isEmpty();
  }

  @Test
  void latestMessageIsThatOfTheLatestEventOfTheKindWithOne() throws Exception {
    NewFile file = newFile();
    store.claim(file, FileEvent.UPLOADED, CLAIMABLE, submitted("{\"n\": 1}"));
    store.recordEvent(file.id(), submitted("{\"n\":2}"));
    store.recordEvent(file.id(), NewEvent.of(FileEvent.SUBMITTED, ACTOR, null));

    assertThat(store.latestMessage(file.id(), FileEvent.SUBMITTED)).hasValue("{\"n\":2}");
    assertThat(store.latestMessage(file.id(), FileEvent.ARCHIVED)).isEmpty();
  }

  // --- claim

  @Test
  void claimRegistersANewFileAndMovesIt() throws Exception {
    NewFile file = newFile();

    FileState before = store.claim(file, FileEvent.UPLOADED, CLAIMABLE, submitted("{}"));

    assertThat(before).isEqualTo(FileState.UPLOADED);
    assertThat(store.file(file.id())).get().extracting(f -> f.state).isEqualTo(FileState.SUBMITTED);
    assertThat(events(file.id())).containsExactly(FileEvent.UPLOADED, FileEvent.SUBMITTED);
  }

  @Test
  void claimNeverSetsALaterStateBack() throws Exception {
    NewFile file = newFile();
    store.claim(file, FileEvent.UPLOADED, CLAIMABLE, submitted("{}"));
    store.transition(file.id(), SUBMITTED, archived("{}"), FileWrites.NONE);

    FileState before =
        store.claim(file, FileEvent.UPLOADED, CLAIMABLE, submitted("{\"again\": 1}"));

    assertThat(before).isEqualTo(FileState.ARCHIVED);
    assertThat(events(file.id()))
        .containsExactly(FileEvent.UPLOADED, FileEvent.SUBMITTED, FileEvent.ARCHIVED);
  }

  @Test
  void claimAtAPathAnotherLiveFileHoldsIsRefused() throws Exception {
    NewFile first = newFile();
    NewFile second = new NewFile(UUID.randomUUID(), first.user(), first.inboxPath(), null, null);
    store.claim(first, FileEvent.UPLOADED, CLAIMABLE, submitted("{}"));

    assertThatThrownBy(() -> store.claim(second, FileEvent.UPLOADED, CLAIMABLE, submitted("{}")))
        .isInstanceOf(InboxPathInUseException.class);
    assertThat(store.file(second.id())).isEmpty();
  }

  // --- transition, write

  @Test
  void aTransitionMakesItsWritesAndRecordsItsEvent() throws Exception {
    NewFile file = submittedFile();
    ArchiveInfo info = new ArchiveInfo(new byte[] {1, 2, 3}, Fixtures.sha256(), "ab/cd", 42);

    FileState before =
        store.transition(
            file.id(),
            SUBMITTED,
            archived("{\"type\": \"archived\"}"),
            FileWrites.NONE
                .withArchive(info)
                .withChecksums(ChecksumSource.ARCHIVED, Map.of(ChecksumType.SHA256, SHA256_A))
                .withChecksums(ChecksumSource.UPLOADED, Map.of()));

    assertThat(before).isEqualTo(FileState.SUBMITTED);
    FileEntity stored = store.file(file.id()).orElseThrow();
    assertThat(stored.state).isEqualTo(FileState.ARCHIVED);
    assertThat(stored.archiveLocation).isEqualTo("ab/cd");
    assertThat(stored.archiveSize).isEqualTo(42L);
    assertThat(stored.dataKeySha256).isEqualTo(info.dataKeySha256());
    assertThat(store.checksums(file.id(), ChecksumSource.ARCHIVED))
        .containsExactly(Map.entry(ChecksumType.SHA256, SHA256_A));
    assertThat(store.checksums(file.id(), ChecksumSource.UPLOADED)).isEmpty();
    assertThat(store.latestMessage(file.id(), FileEvent.ARCHIVED))
        .get()
        .asString()
        .contains("archived");
  }

  @Test
  void aTransitionFromAnotherStateChangesNothing() throws Exception {
    NewFile file = submittedFile();

    FileState before =
        store.transition(
            file.id(),
            EnumSet.of(FileState.ARCHIVED),
            NewEvent.of(FileEvent.VERIFIED, ACTOR, null),
            FileWrites.NONE
                .withChecksums(ChecksumSource.DECRYPTED, Map.of(ChecksumType.MD5, MD5_A))
                .withDecryptedSize(7));

    assertThat(before).isEqualTo(FileState.SUBMITTED);
    assertThat(store.file(file.id()).orElseThrow().decryptedSize).isNull();
    assertThat(store.checksums(file.id(), ChecksumSource.DECRYPTED)).isEmpty();
    assertThat(events(file.id())).containsExactly(FileEvent.UPLOADED, FileEvent.SUBMITTED);
  }

  @Test
  void aFailedWriteLeavesTheWholeTransitionUndone() throws Exception {
    String taken = readyFileWithAccessionId();
    NewFile file = submittedFile();

    assertThatThrownBy(
            () ->
                store.transition(
                    file.id(),
                    SUBMITTED,
                    archived("{}"),
                    FileWrites.NONE
                        .withChecksums(
                            ChecksumSource.ARCHIVED, Map.of(ChecksumType.SHA256, SHA256_B))
                        .withDecryptedSize(5)
                        .withAccessionId(taken)))
        .isInstanceOf(AccessionIdTakenException.class);

    FileEntity after = store.file(file.id()).orElseThrow();
    assertThat(after.state).isEqualTo(FileState.SUBMITTED);
    assertThat(after.decryptedSize).isNull();
    assertThat(after.accessionId).isNull();
    assertThat(store.checksums(file.id(), ChecksumSource.ARCHIVED)).isEmpty();
    assertThat(events(file.id())).containsExactly(FileEvent.UPLOADED, FileEvent.SUBMITTED);
  }

  @Test
  void aTransitionOfAnUnknownFileFails() throws Exception {
    assertThatThrownBy(
            () -> store.transition(UUID.randomUUID(), SUBMITTED, archived("{}"), FileWrites.NONE))
        .isInstanceOf(UnknownFileException.class);
  }

  @Test
  void writeSetsTheAccessionIdOnlyInTheAllowedStates() throws Exception {
    NewFile file = submittedFile();
    String accessionId = Fixtures.accessionId();
    Set<FileState> verified = EnumSet.of(FileState.VERIFIED);

    assertThat(store.write(file.id(), verified, FileWrites.NONE.withAccessionId(accessionId)))
        .isEqualTo(FileState.SUBMITTED);
    assertThat(store.file(file.id()).orElseThrow().accessionId).isNull();

    store.recordEvent(file.id(), NewEvent.of(FileEvent.VERIFIED, ACTOR, null));
    assertThat(store.write(file.id(), verified, FileWrites.NONE.withAccessionId(accessionId)))
        .isEqualTo(FileState.VERIFIED);
    assertThat(store.file(file.id()).orElseThrow().accessionId).isEqualTo(accessionId);
    assertThat(events(file.id()))
        .containsExactly(FileEvent.UPLOADED, FileEvent.SUBMITTED, FileEvent.VERIFIED);
  }

  // --- the row lock

  @Test
  void concurrentTransitionsFromOneStateHappenOnce() throws Exception {
    NewFile file = submittedFile();
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Callable<FileState>> work = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String message = "{\"delivery\": " + i + "}";
        work.add(
            () ->
                store.transition(
                    file.id(),
                    SUBMITTED,
                    archived(message),
                    FileWrites.NONE.withChecksums(
                        ChecksumSource.ARCHIVED, Map.of(ChecksumType.SHA256, SHA256_A))));
      }
      List<FileState> befores = new ArrayList<>();
      for (Future<FileState> done : threads.invokeAll(work)) {
        befores.add(done.get());
      }
      // different messages: without the lock, more than one would see submitted and record
      assertThat(befores).containsOnlyOnce(FileState.SUBMITTED);
      assertThat(befores)
          .filteredOn(s -> s != FileState.SUBMITTED)
          .containsOnly(FileState.ARCHIVED);
    } finally {
      threads.shutdownNow();
    }
    assertThat(events(file.id()))
        .containsExactly(FileEvent.UPLOADED, FileEvent.SUBMITTED, FileEvent.ARCHIVED);
  }

  @Test
  void aTransitionWaitsForTheRowLockAndSeesWhatItsHolderCommitted() throws Exception {
    NewFile file = submittedFile();
    CompletableFuture<FileState> transition;
    try (Connection holder = database.getConnection()) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock =
          holder.prepareStatement("SELECT id FROM files WHERE id = ? FOR UPDATE")) {
        lock.setObject(1, file.id());
        lock.executeQuery().close();
      }
      transition =
          CompletableFuture.supplyAsync(
              () -> store.transition(file.id(), SUBMITTED, archived("{}"), FileWrites.NONE));
      await().atMost(Duration.ofSeconds(30)).until(this::waitingForALock);
      assertThat(transition).isNotDone();

      // the holder (a cancel) disables the file and commits
      try (PreparedStatement cancel =
          holder.prepareStatement(
              """
              WITH changed AS (UPDATE files SET state = 'disabled' WHERE id = ? RETURNING id)
              INSERT INTO file_events (file_id, event, actor, reason)
              SELECT id, 'disabled', 'test', 'cancelled' FROM changed
              """)) {
        cancel.setObject(1, file.id());
        cancel.executeUpdate();
      }
      holder.commit();
    }

    assertThat(transition.get(30, TimeUnit.SECONDS)).isEqualTo(FileState.DISABLED);
    assertThat(events(file.id()))
        .containsExactly(FileEvent.UPLOADED, FileEvent.SUBMITTED, FileEvent.DISABLED);
  }

  // --- datasets

  @Test
  void mapReadyFilesRefusesUnknownAndUnreadyFilesAndMapsNothing() throws Exception {
    String ready = readyFileWithAccessionId();
    NewFile unready = submittedFile();
    String unreadyId = Fixtures.accessionId();
    store.write(unready.id(), SUBMITTED, FileWrites.NONE.withAccessionId(unreadyId));
    String unknown = Fixtures.accessionId();
    String datasetId = Fixtures.datasetId();

    assertThatThrownBy(
            () -> store.mapReadyFiles(datasetId, Set.of(ready, unreadyId, unknown), "{}"))
        .isInstanceOfSatisfying(
            FilesNotReadyException.class,
            e -> {
              assertThat(e.unknown()).containsExactly(unknown);
              assertThat(e.notReady()).containsExactly(Map.entry(unreadyId, FileState.SUBMITTED));
            });
    assertThatThrownBy(() -> store.release(datasetId, null))
        .isInstanceOf(UnknownDatasetException.class);
  }

  @Test
  void readyFilesAreMappedReleasedAndDeprecatedOnce() throws Exception {
    String accessionId = readyFileWithAccessionId();
    String datasetId = Fixtures.datasetId();

    assertThat(store.mapReadyFiles(datasetId, Set.of(accessionId), "{}")).isEqualTo(1);
    assertThat(store.mapReadyFiles(datasetId, Set.of(accessionId), "{}")).isZero();
    assertThat(store.release(datasetId, null)).isTrue();
    assertThat(store.release(datasetId, null)).isFalse();
    assertThat(store.deprecate(datasetId, null)).isTrue();
    assertThat(store.deprecate(datasetId, null)).isFalse();
  }

  // --- helpers

  private static NewEvent submitted(String message) {
    return NewEvent.of(FileEvent.SUBMITTED, ACTOR, message);
  }

  private static NewEvent archived(String message) {
    return NewEvent.of(FileEvent.ARCHIVED, ACTOR, message);
  }

  private NewFile submittedFile() {
    NewFile file = newFile();
    store.claim(file, FileEvent.UPLOADED, CLAIMABLE, submitted("{}"));
    return file;
  }

  private String readyFileWithAccessionId() {
    NewFile file = submittedFile();
    String accessionId = Fixtures.accessionId();
    store.write(file.id(), SUBMITTED, FileWrites.NONE.withAccessionId(accessionId));
    store.recordEvent(file.id(), NewEvent.of(FileEvent.READY, INBOX, null));
    assertThat(store.file(file.id()).orElseThrow().state).isEqualTo(FileState.READY);
    return accessionId;
  }

  /** The file's events, oldest first, read over JDBC. */
  private List<FileEvent> events(UUID fileId) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT event FROM file_events WHERE file_id = ? ORDER BY id")) {
      statement.setObject(1, fileId);
      List<FileEvent> events = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          events.add(FileEvent.valueOf(rows.getString(1).toUpperCase(java.util.Locale.ROOT)));
        }
      }
      return events;
    }
  }

  /** Whether a backend waits for a lock in a query of {@code files} (the transition's). */
  private boolean waitingForALock() throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                """
                SELECT count(*) FROM pg_stat_activity
                 WHERE wait_event_type = 'Lock' AND query ILIKE '%from files%'
                """)) {
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() && rows.getLong(1) > 0;
      }
    }
  }
}
