package io.lega.node.store;

import io.lega.contracts.ChecksumType;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileState;
import io.lega.platform.reactive.OnVertx;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The node store as the pipeline workers (ingest, verify, finalize) use it: blocking calls from a
 * consumer's worker thread, each one transaction, a state change under the file row's lock. The
 * only place the workers wait for Hibernate Reactive ({@link OnVertx}); the methods are those of
 * {@link FileRepository} and {@link DatasetRepository}, whose Javadoc says what each does and
 * throws. Typed failures come out as they are.
 */
@ApplicationScoped
public class NodeStore {

  private final FileRepository files;
  private final DatasetRepository datasets;
  private final RevocationRepository revocations;

  /**
   * @param files the file aggregate
   * @param datasets the dataset aggregate
   * @param revocations the revoked grants
   */
  public NodeStore(
      FileRepository files, DatasetRepository datasets, RevocationRepository revocations) {
    this.files = files;
    this.datasets = datasets;
    this.revocations = revocations;
  }

  // ---------------------------------------------------------------------------------------- reads

  /** The file with this id, if the node knows it. */
  public Optional<FileEntity> file(UUID fileId) {
    return Optional.ofNullable(
        OnVertx.await(() -> Panache.withSession(() -> files.findById(fileId))));
  }

  /** The live file holding this data key (an earlier submission of the same encrypted file). */
  public Optional<FileEntity> liveFileWithDataKey(String dataKeySha256) {
    return Optional.ofNullable(OnVertx.await(() -> files.findLiveByDataKey(dataKeySha256)));
  }

  /** A file's checksums from one source: hex values by type, empty if none are stored. */
  public Map<ChecksumType, String> checksums(UUID fileId, ChecksumSource source) {
    return OnVertx.await(() -> files.checksums(fileId, source));
  }

  /** The message of the file's latest {@code event} that has one. */
  public Optional<String> latestMessage(UUID fileId, FileEvent event) {
    return Optional.ofNullable(OnVertx.await(() -> files.latestMessage(fileId, event)));
  }

  /** Whether the file is in a dataset. */
  public boolean isInAnyDataset(UUID fileId) {
    return OnVertx.await(() -> datasets.isInAnyDataset(fileId));
  }

  // -------------------------------------------------------------------------------- transitions

  /**
   * Registers the file if it is new, then moves it to {@code event} if it is in {@code
   * allowedFrom}, under the row's lock ({@link FileRepository#claim}).
   *
   * @return the state before
   */
  public FileState claim(
      NewFile file, FileEvent firstEvent, Set<FileState> allowedFrom, NewEvent event) {
    return OnVertx.await(() -> files.claim(file, firstEvent, allowedFrom, event));
  }

  /**
   * Makes the writes and records the event if the file is in {@code allowedFrom}, under the row's
   * lock ({@link FileRepository#transition}).
   *
   * @return the state before: in {@code allowedFrom} if this call made the transition
   */
  public FileState transition(
      UUID fileId, Set<FileState> allowedFrom, NewEvent event, FileWrites writes) {
    return OnVertx.await(() -> files.transition(fileId, allowedFrom, event, writes));
  }

  /**
   * Makes the writes if the file is in {@code allowedIn}, under the row's lock ({@link
   * FileRepository#write}).
   *
   * @return the file's state: in {@code allowedIn} if this call wrote
   */
  public FileState write(UUID fileId, Set<FileState> allowedIn, FileWrites writes) {
    return OnVertx.await(() -> files.write(fileId, allowedIn, writes));
  }

  /**
   * Records an event whatever the file's state ({@link FileRepository#recordEvent}).
   *
   * @return {@code false} if it repeated the latest event
   */
  public boolean recordEvent(UUID fileId, NewEvent event) {
    return OnVertx.await(() -> files.recordEvent(fileId, event));
  }

  /** Sets where the backup copy of the file is ({@link FileRepository#setBackupLocation}). */
  public void setBackupLocation(UUID fileId, String backupLocation) {
    OnVertx.await(() -> files.setBackupLocation(fileId, backupLocation));
  }

  // ----------------------------------------------------------------------------------- datasets

  /**
   * Maps ready files into a dataset ({@link DatasetRepository#mapReadyFiles}).
   *
   * @return how many files were added
   */
  public int mapReadyFiles(String datasetId, Set<String> accessionIds, String messageJson) {
    return OnVertx.await(() -> datasets.mapReadyFiles(datasetId, accessionIds, messageJson));
  }

  /**
   * Releases a dataset ({@link DatasetRepository#release}).
   *
   * @return {@code false} if it was released already
   */
  public boolean release(String datasetId, String messageJson) {
    return OnVertx.await(() -> datasets.release(datasetId, messageJson));
  }

  /**
   * Deprecates a dataset ({@link DatasetRepository#deprecate}).
   *
   * @return {@code false} if it was deprecated already
   */
  public boolean deprecate(String datasetId, String messageJson) {
    return OnVertx.await(() -> datasets.deprecate(datasetId, messageJson));
  }

  // --------------------------------------------------------------------------------- revocations

  /**
   * Records a revocation of a user's access to a dataset ({@link RevocationRepository#revoke}).
   *
   * @return {@code false} if it was recorded already
   */
  public boolean revoke(String username, String datasetId, String messageJson) {
    return OnVertx.await(() -> revocations.revoke(username, datasetId, messageJson));
  }

  /**
   * Lifts a revocation ({@link RevocationRepository#lift}).
   *
   * @return {@code false} if there was none
   */
  public boolean liftRevocation(String username, String datasetId) {
    return OnVertx.await(() -> revocations.lift(username, datasetId));
  }
}
