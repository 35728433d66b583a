package io.lega.node.store;

import static io.lega.node.store.Blocking.await;
import static io.lega.node.store.Fixtures.INBOX;
import static io.lega.node.store.Fixtures.MD5_A;
import static io.lega.node.store.Fixtures.MD5_B;
import static io.lega.node.store.Fixtures.SHA256_A;
import static io.lega.node.store.Fixtures.SHA256_B;
import static io.lega.node.store.Fixtures.newFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.lega.contracts.ChecksumType;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileEventEntity;
import io.lega.node.store.model.FileState;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@link FileRepository}: files, their events and their checksums. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class FileRepositoryTest {

  private static final String UPLOAD_MESSAGE = "{\"operation\": \"upload\", \"size\": 1024}";

  @Inject FileRepository files;

  @Inject AgroalDataSource database;

  // --- register, find

  @Test
  void registerStoresTheFileWithItsFirstEventAsState() throws Throwable {
    NewFile file = newFile();

    FileEntity stored =
        await(() -> files.register(file, FileEvent.UPLOADED, INBOX, UPLOAD_MESSAGE));

    assertThat(stored.id).isEqualTo(file.id());
    assertThat(stored.submissionUser).isEqualTo(file.user());
    assertThat(stored.inboxPath).isEqualTo(file.inboxPath());
    assertThat(stored.inboxSize).isEqualTo(1024L);
    assertThat(stored.inboxLastModified).isEqualTo(file.inboxLastModified());
    assertThat(stored.state).isEqualTo(FileState.UPLOADED);
    assertThat(stored.createdAt).isNotNull();
    assertThat(stored.updatedAt).isNotNull();
    assertThat(stored.header).isNull();
    assertThat(stored.accessionId).isNull();
    List<FileEventEntity> events = await(() -> files.events(file.id()));
    assertThat(events)
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.fileId).isEqualTo(file.id());
              assertThat(event.event).isEqualTo(FileEvent.UPLOADED);
              assertThat(event.actor).isEqualTo(INBOX);
              assertThat(event.reason).isNull();
              // JSONB keeps the JSON value, not its text (key order and spaces change)
              assertThat(new JsonObject(event.message)).isEqualTo(new JsonObject(UPLOAD_MESSAGE));
              assertThat(event.createdAt).isNotNull();
            });
  }

  @Test
  void registerWithoutSizeOrTimeOrMessage() throws Throwable {
    NewFile file = new NewFile(UUID.randomUUID(), Fixtures.user(), "a.c4gh", null, null);

    FileEntity stored = await(() -> files.register(file, FileEvent.REGISTERED, INBOX, null));

    assertThat(stored.state).isEqualTo(FileState.REGISTERED);
    assertThat(stored.inboxSize).isNull();
    assertThat(stored.inboxLastModified).isNull();
    assertThat(await(() -> files.events(file.id())))
        .singleElement()
        .satisfies(event -> assertThat(event.message).isNull());
  }

  @Test
  void registeringTheSameFileTwiceChangesNothing() throws Throwable {
    NewFile file = newFile();
    FileEntity first = await(() -> files.register(file, FileEvent.UPLOADED, INBOX, UPLOAD_MESSAGE));

    FileEntity again = await(() -> files.register(file, FileEvent.UPLOADED, INBOX, UPLOAD_MESSAGE));

    assertThat(again.id).isEqualTo(first.id);
    assertThat(again.updatedAt).isEqualTo(first.updatedAt);
    assertThat(await(() -> files.events(file.id()))).hasSize(1);
  }

  @Test
  void aFileStartsRegisteredOrUploaded() {
    assertThatThrownBy(
            () -> await(() -> files.register(newFile(), FileEvent.ARCHIVED, INBOX, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void findByIdOfAnUnknownFileIsNull() throws Throwable {
    assertThat(await(() -> Panache.withSession(() -> files.findById(UUID.randomUUID())))).isNull();
  }

  @Test
  void aUserHasOneLiveFilePerInboxPath() throws Throwable {
    String user = Fixtures.user();
    NewFile first = newFile(user, "same/path.c4gh");
    NewFile second = newFile(user, "same/path.c4gh");
    await(() -> files.register(first, FileEvent.UPLOADED, INBOX, null));

    assertThatThrownBy(() -> await(() -> files.register(second, FileEvent.UPLOADED, INBOX, null)))
        .isInstanceOfSatisfying(
            InboxPathInUseException.class,
            e -> {
              assertThat(e.user()).isEqualTo(user);
              assertThat(e.inboxPath()).isEqualTo("same/path.c4gh");
              assertThat(e.liveFileId()).isEqualTo(first.id());
            });
    assertThat(await(() -> files.findLive(user, "same/path.c4gh")).id).isEqualTo(first.id());

    // another user, or another path, is no conflict
    await(
        () ->
            files.register(
                newFile(Fixtures.user(), "same/path.c4gh"), FileEvent.UPLOADED, INBOX, null));
    await(() -> files.register(newFile(user, "other.c4gh"), FileEvent.UPLOADED, INBOX, null));
  }

  @Test
  void aPathIsFreeAgainOnceItsFileEndedOrIsReady() throws Throwable {
    String user = Fixtures.user();
    NewFile first = newFile(user, "p.c4gh");
    NewFile second = newFile(user, "p.c4gh");
    NewFile third = newFile(user, "p.c4gh");
    await(() -> files.register(first, FileEvent.UPLOADED, INBOX, null));
    await(() -> files.recordEvent(first.id(), FileEvent.DISABLED, "hub", "cancelled", null));
    assertThat(await(() -> files.findLive(user, "p.c4gh"))).isNull();

    await(() -> files.register(second, FileEvent.UPLOADED, INBOX, null));
    await(() -> files.recordEvent(second.id(), FileEvent.READY, "finalize", null, null));
    await(() -> files.register(third, FileEvent.UPLOADED, INBOX, null));

    assertThat(await(() -> files.findLive(user, "p.c4gh")).id).isEqualTo(third.id());
  }

  @Test
  void aFileCannotComeBackToLifeAtAPathAnotherFileHolds() throws Throwable {
    String user = Fixtures.user();
    NewFile first = newFile(user, "p.c4gh");
    NewFile second = newFile(user, "p.c4gh");
    await(() -> files.register(first, FileEvent.UPLOADED, INBOX, null));
    await(() -> files.recordEvent(first.id(), FileEvent.ERROR, "ingest", "not crypt4gh", null));
    await(() -> files.register(second, FileEvent.UPLOADED, INBOX, null));

    assertThatThrownBy(
            () ->
                await(() -> files.recordEvent(first.id(), FileEvent.SUBMITTED, "hub", null, null)))
        .isInstanceOfSatisfying(
            InboxPathInUseException.class, e -> assertThat(e.user()).isEqualTo(user));
    assertThat(await(() -> files.events(first.id()))).hasSize(2);
  }

  // --- events

  @Test
  void recordEventAppendsInOrderAndSetsTheState() throws Throwable {
    NewFile file = newFile();
    await(() -> files.register(file, FileEvent.UPLOADED, INBOX, null));

    assertThat(
            await(
                () ->
                    files.recordEvent(
                        file.id(), FileEvent.SUBMITTED, "ingest", null, "{\"type\": \"ingest\"}")))
        .isTrue();
    assertThat(await(() -> files.recordEvent(file.id(), FileEvent.ARCHIVED, "ingest", null, null)))
        .isTrue();
    assertThat(
            await(
                () ->
                    files.recordEvent(
                        file.id(), FileEvent.ERROR, "verify", "checksum mismatch", null)))
        .isTrue();

    List<FileEventEntity> events = await(() -> files.events(file.id()));
    assertThat(events)
        .extracting(event -> event.event)
        .containsExactly(
            FileEvent.UPLOADED, FileEvent.SUBMITTED, FileEvent.ARCHIVED, FileEvent.ERROR);
    assertThat(events).extracting(event -> event.id).isSorted();
    assertThat(events).extracting(event -> event.createdAt).isSorted();
    assertThat(events.get(3).reason).isEqualTo("checksum mismatch");
    assertThat(events.get(3).actor).isEqualTo("verify");
    assertThat(await(() -> Panache.withSession(() -> files.findById(file.id()))).state)
        .isEqualTo(FileState.ERROR);
    assertThat(stateAndLatestEvent(file.id())).containsExactly("error", "error");
  }

  @Test
  void theSameMessageTwiceIsRecordedOnce() throws Throwable {
    NewFile file = newFile();
    await(() -> files.register(file, FileEvent.UPLOADED, INBOX, null));
    String ingest = "{\"type\": \"ingest\", \"filepath\": \"a.c4gh\"}";

    assertThat(
            await(() -> files.recordEvent(file.id(), FileEvent.SUBMITTED, "ingest", null, ingest)))
        .isTrue();
    // the same message, redelivered (JSON equality, not text: key order and spaces do not matter)
    assertThat(
            await(
                () ->
                    files.recordEvent(
                        file.id(),
                        FileEvent.SUBMITTED,
                        "ingest",
                        null,
                        "{\"filepath\":\"a.c4gh\",\"type\":\"ingest\"}")))
        .isFalse();
    // a different message is a new event
    assertThat(
            await(
                () ->
                    files.recordEvent(
                        file.id(),
                        FileEvent.SUBMITTED,
                        "ingest",
                        null,
                        "{\"type\": \"ingest\", \"filepath\": \"b.c4gh\"}")))
        .isTrue();

    assertThat(await(() -> files.events(file.id()))).hasSize(3);
  }

  @Test
  void aMessageIsAJsonObject() throws Throwable {
    NewFile file = registered();
    assertThatThrownBy(
            () ->
                await(
                    () ->
                        files.recordEvent(
                            file.id(), FileEvent.SUBMITTED, "ingest", null, "[1, 2]")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> await(() -> files.register(newFile(), FileEvent.UPLOADED, INBOX, "upload")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(await(() -> files.events(file.id()))).hasSize(1);
  }

  @Test
  void recordEventOfAnUnknownFileFails() {
    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                await(() -> files.recordEvent(unknown, FileEvent.SUBMITTED, "ingest", null, null)))
        .isInstanceOfSatisfying(
            UnknownFileException.class, e -> assertThat(e.fileId()).isEqualTo(unknown));
  }

  @Test
  void recordEventJoinsTheCallersTransaction() throws Throwable {
    NewFile file = newFile();
    await(() -> files.register(file, FileEvent.UPLOADED, INBOX, null));

    assertThatThrownBy(
            () ->
                await(
                    () ->
                        Panache.withTransaction(
                            () ->
                                files
                                    .recordEvent(
                                        file.id(), FileEvent.SUBMITTED, "ingest", null, null)
                                    .chain(
                                        () ->
                                            Uni.createFrom()
                                                .failure(
                                                    new IllegalStateException(
                                                        "later step failed"))))))
        .hasMessage("later step failed");

    // neither the event nor the state change survived the rollback
    assertThat(await(() -> files.events(file.id()))).hasSize(1);
    assertThat(stateAndLatestEvent(file.id())).containsExactly("uploaded", "uploaded");
  }

  @Test
  void readsLaterInTheSameTransactionSeeTheWrites() throws Throwable {
    NewFile file = newFile();
    await(() -> files.register(file, FileEvent.UPLOADED, INBOX, null));

    FileEntity after =
        await(
            () ->
                Panache.withTransaction(
                    () ->
                        files
                            .findById(file.id())
                            .chain(
                                () ->
                                    files.recordEvent(
                                        file.id(), FileEvent.SUBMITTED, "ingest", null, null))
                            .chain(() -> files.setDecryptedSize(file.id(), 10))
                            .chain(() -> files.findById(file.id()))));

    assertThat(after.state).isEqualTo(FileState.SUBMITTED);
    assertThat(after.decryptedSize).isEqualTo(10L);
  }

  @Test
  void concurrentEventsKeepTheStateEqualToTheLatestEvent() throws Throwable {
    NewFile file = newFile();
    await(() -> files.register(file, FileEvent.UPLOADED, INBOX, null));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      List<Callable<Boolean>> work = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        FileEvent event = i % 2 == 0 ? FileEvent.ARCHIVED : FileEvent.VERIFIED;
        String message = "{\"n\": " + i + "}";
        work.add(
            () -> {
              try {
                return await(() -> files.recordEvent(file.id(), event, "test", null, message));
              } catch (Throwable e) {
                throw new IllegalStateException(e);
              }
            });
      }
      for (Future<Boolean> done : threads.invokeAll(work)) {
        assertThat(done.get()).isTrue();
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(await(() -> files.events(file.id()))).hasSize(21);
    List<String> stateAndLatest = stateAndLatestEvent(file.id());
    assertThat(stateAndLatest.get(0)).isEqualTo(stateAndLatest.get(1));
  }

  @Test
  void theSameFileRegisteredConcurrentlyIsRegisteredOnceWithoutConflict() throws Throwable {
    for (int round = 0; round < 20; round++) {
      NewFile file = newFile();
      ExecutorService threads = Executors.newFixedThreadPool(6);
      try {
        List<Callable<UUID>> work = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          work.add(
              () -> {
                try {
                  return await(() -> files.register(file, FileEvent.UPLOADED, INBOX, null)).id;
                } catch (Throwable e) {
                  throw new IllegalStateException(e);
                }
              });
        }
        // every call returns the one file: none sees its own id as another live file at the path
        for (Future<UUID> done : threads.invokeAll(work)) {
          assertThat(done.get()).isEqualTo(file.id());
        }
      } finally {
        threads.shutdownNow();
      }
      assertThat(await(() -> files.events(file.id())))
          .extracting(e -> e.event)
          .containsExactly(FileEvent.UPLOADED);
    }
  }

  @Test
  void theSameMessageRedeliveredConcurrentlyIsRecordedOnce() throws Throwable {
    NewFile file = registered();
    String message = "{\"type\": \"ingest\"}";
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try {
      List<Callable<Boolean>> work = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        work.add(
            () -> {
              try {
                return await(
                    () ->
                        files.recordEvent(file.id(), FileEvent.SUBMITTED, "ingest", null, message));
              } catch (Throwable e) {
                throw new IllegalStateException(e);
              }
            });
      }
      int recorded = 0;
      for (Future<Boolean> done : threads.invokeAll(work)) {
        recorded += done.get() ? 1 : 0;
      }
      assertThat(recorded).isEqualTo(1);
    } finally {
      threads.shutdownNow();
    }
    assertThat(await(() -> files.events(file.id()))).hasSize(2);
  }

  @Test
  void eventsCannotBeChangedThroughTheirEntities() throws Throwable {
    NewFile file = newFile();
    await(() -> files.register(file, FileEvent.UPLOADED, INBOX, null));

    await(
        () ->
            Panache.withTransaction(
                () ->
                    files
                        .events(file.id())
                        .invoke(
                            events -> {
                              events.get(0).actor = "tampered";
                              events.get(0).event = FileEvent.READY;
                            })));
    await(
        () ->
            Panache.withTransaction(
                () -> files.findById(file.id()).invoke(found -> found.state = FileState.READY)));

    assertThat(await(() -> files.events(file.id())))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.actor).isEqualTo(INBOX);
              assertThat(event.event).isEqualTo(FileEvent.UPLOADED);
            });
    assertThat(stateAndLatestEvent(file.id())).containsExactly("uploaded", "uploaded");
  }

  // --- checksums

  @Test
  void checksumsAreStoredBySourceAndIdempotently() throws Throwable {
    NewFile file = registered();
    await(
        () ->
            files.storeChecksums(
                file.id(),
                ChecksumSource.UPLOADED,
                Map.of(ChecksumType.SHA256, SHA256_A, ChecksumType.MD5, MD5_A)));
    await(
        () ->
            files.storeChecksums(
                file.id(), ChecksumSource.DECRYPTED, Map.of(ChecksumType.SHA256, SHA256_B)));

    // the same again, in upper case: no error, nothing changes
    await(
        () ->
            files.storeChecksums(
                file.id(),
                ChecksumSource.UPLOADED,
                Map.of(ChecksumType.SHA256, SHA256_A.toUpperCase())));

    assertThat(await(() -> files.checksums(file.id(), ChecksumSource.UPLOADED)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(ChecksumType.SHA256, SHA256_A, ChecksumType.MD5, MD5_A));
    assertThat(await(() -> files.checksums(file.id(), ChecksumSource.DECRYPTED)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(ChecksumType.SHA256, SHA256_B));
    assertThat(await(() -> files.checksums(file.id(), ChecksumSource.ARCHIVED))).isEmpty();
  }

  @Test
  void aDifferentChecksumIsATypedConflictAndNothingIsStored() throws Throwable {
    NewFile file = registered();
    await(
        () ->
            files.storeChecksums(
                file.id(), ChecksumSource.DECRYPTED, Map.of(ChecksumType.SHA256, SHA256_A)));

    assertThatThrownBy(
            () ->
                await(
                    () ->
                        files.storeChecksums(
                            file.id(),
                            ChecksumSource.DECRYPTED,
                            Map.of(ChecksumType.SHA256, SHA256_B, ChecksumType.MD5, MD5_B))))
        .isInstanceOfSatisfying(
            ChecksumConflictException.class,
            e -> {
              assertThat(e.fileId()).isEqualTo(file.id());
              assertThat(e.source()).isEqualTo(ChecksumSource.DECRYPTED);
              assertThat(e.type()).isEqualTo(ChecksumType.SHA256);
            });

    // all or nothing: the MD5 of the failed call was not kept
    assertThat(await(() -> files.checksums(file.id(), ChecksumSource.DECRYPTED)))
        .containsExactlyInAnyOrderEntriesOf(Map.of(ChecksumType.SHA256, SHA256_A));
  }

  @Test
  void checksumsAreCheckedBeforeTheyReachTheDatabase() throws Throwable {
    NewFile file = registered();
    assertThatThrownBy(
            () ->
                await(
                    () ->
                        files.storeChecksums(
                            file.id(),
                            ChecksumSource.UPLOADED,
                            Map.of(ChecksumType.MD5, SHA256_A))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                await(
                    () ->
                        files.storeChecksums(
                            file.id(),
                            ChecksumSource.UPLOADED,
                            Map.of(ChecksumType.MD5, "z".repeat(32)))))
        .isInstanceOf(IllegalArgumentException.class);
    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(
            () ->
                await(
                    () ->
                        files.storeChecksums(
                            unknown, ChecksumSource.UPLOADED, Map.of(ChecksumType.MD5, MD5_A))))
        .isInstanceOf(UnknownFileException.class);
  }

  // --- archive, decrypted size, backup, accession

  @Test
  void archiveInfoIsStoredAndCanBeSetAgain() throws Throwable {
    NewFile file = registered();
    byte[] header = {'c', 'r', 'y', 'p', 't', '4', 'g', 'h', 1, 0, 0, 0, (byte) 0xff};
    String key = Fixtures.sha256();
    ArchiveInfo archive = new ArchiveInfo(header, key, "archive/" + file.id(), 4096);

    await(() -> files.setArchiveInfo(file.id(), archive));
    await(() -> files.setArchiveInfo(file.id(), archive));

    FileEntity stored = await(() -> Panache.withSession(() -> files.findById(file.id())));
    assertThat(stored.header).isEqualTo(header);
    assertThat(stored.dataKeySha256).isEqualTo(key);
    assertThat(stored.archiveLocation).isEqualTo("archive/" + file.id());
    assertThat(stored.archiveSize).isEqualTo(4096L);
    assertThat(await(() -> files.findLiveByDataKey(key)).id).isEqualTo(file.id());
  }

  @Test
  void theSameDataKeyOnAnotherLiveFileIsADuplicate() throws Throwable {
    NewFile first = registered();
    NewFile second = registered();
    String key = Fixtures.sha256();
    await(() -> files.setArchiveInfo(first.id(), new ArchiveInfo(new byte[] {1}, key, "a/1", 1)));

    assertThatThrownBy(
            () ->
                await(
                    () ->
                        files.setArchiveInfo(
                            second.id(), new ArchiveInfo(new byte[] {2}, key, "a/2", 1))))
        .isInstanceOfSatisfying(
            DuplicateDataKeyException.class, e -> assertThat(e.fileId()).isEqualTo(second.id()));
    assertThat(await(() -> Panache.withSession(() -> files.findById(second.id()))).dataKeySha256)
        .isNull();

    // once the first submission ended in error, the same file may be submitted again
    await(
        () -> files.recordEvent(first.id(), FileEvent.ERROR, "verify", "checksum mismatch", null));
    await(() -> files.setArchiveInfo(second.id(), new ArchiveInfo(new byte[] {2}, key, "a/2", 1)));
    assertThat(await(() -> files.findLiveByDataKey(key)).id).isEqualTo(second.id());
  }

  @Test
  void decryptedSizeAndBackupLocation() throws Throwable {
    NewFile file = registered();

    await(() -> files.setDecryptedSize(file.id(), 1000));
    await(() -> files.setBackupLocation(file.id(), "backup/" + file.id()));
    await(() -> files.setBackupLocation(file.id(), "backup/" + file.id()));

    FileEntity stored = await(() -> Panache.withSession(() -> files.findById(file.id())));
    assertThat(stored.decryptedSize).isEqualTo(1000L);
    assertThat(stored.backupLocation).isEqualTo("backup/" + file.id());
    UUID unknown = UUID.randomUUID();
    assertThatThrownBy(() -> await(() -> files.setDecryptedSize(unknown, 1)))
        .isInstanceOf(UnknownFileException.class);
    assertThatThrownBy(() -> await(() -> files.setBackupLocation(unknown, "x")))
        .isInstanceOf(UnknownFileException.class);
    assertThatThrownBy(() -> await(() -> files.setDecryptedSize(file.id(), -1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void accessionIds() throws Throwable {
    NewFile file = registered();
    NewFile other = registered();
    String accession = Fixtures.accessionId();

    await(() -> files.setAccessionId(file.id(), accession));
    await(() -> files.setAccessionId(file.id(), accession));

    assertThat(await(() -> files.findByAccessionId(accession)).id).isEqualTo(file.id());
    assertThatThrownBy(() -> await(() -> files.setAccessionId(other.id(), accession)))
        .isInstanceOfSatisfying(
            AccessionIdTakenException.class,
            e -> {
              assertThat(e.fileId()).isEqualTo(other.id());
              assertThat(e.accessionId()).isEqualTo(accession);
            });
    String another = Fixtures.accessionId();
    assertThatThrownBy(() -> await(() -> files.setAccessionId(file.id(), another)))
        .isInstanceOfSatisfying(
            AccessionIdMismatchException.class, e -> assertThat(e.stored()).isEqualTo(accession));
    assertThatThrownBy(() -> await(() -> files.setAccessionId(UUID.randomUUID(), another)))
        .isInstanceOf(UnknownFileException.class);
  }

  // --- lists

  @Test
  void listsByUserAndByState() throws Throwable {
    String user = Fixtures.user();
    NewFile first = newFile(user, "1.c4gh");
    NewFile second = newFile(user, "2.c4gh");
    await(() -> files.register(first, FileEvent.UPLOADED, INBOX, null));
    await(() -> files.register(second, FileEvent.UPLOADED, INBOX, null));
    await(() -> files.recordEvent(second.id(), FileEvent.VERIFIED, "verify", null, null));

    assertThat(await(() -> files.listByUser(user, Page.ofSize(10))))
        .extracting(f -> f.id)
        .containsExactly(first.id(), second.id());
    assertThat(await(() -> files.listByUser(user, Page.of(1, 1))))
        .extracting(f -> f.id)
        .containsExactly(second.id());
    List<FileEntity> verified =
        await(() -> files.listByState(FileState.VERIFIED, Page.ofSize(10_000)));
    assertThat(verified).extracting(f -> f.id).contains(second.id()).doesNotContain(first.id());
    assertThat(verified).allSatisfy(f -> assertThat(f.state).isEqualTo(FileState.VERIFIED));
  }

  private NewFile registered() throws Throwable {
    NewFile file = newFile();
    await(() -> files.register(file, FileEvent.UPLOADED, INBOX, null));
    return file;
  }

  /** {@code files.state} and the event of the file's latest event row, read over JDBC. */
  private List<String> stateAndLatestEvent(UUID fileId) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                """
                SELECT f.state, (SELECT e.event FROM file_events e WHERE e.file_id = f.id
                                  ORDER BY e.id DESC LIMIT 1)
                  FROM files f WHERE f.id = ?
                """)) {
      statement.setObject(1, fileId);
      try (ResultSet row = statement.executeQuery()) {
        assertThat(row.next()).isTrue();
        return List.of(row.getString(1), row.getString(2));
      }
    }
  }
}
