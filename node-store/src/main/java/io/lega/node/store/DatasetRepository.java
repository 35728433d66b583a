package io.lega.node.store;

import io.lega.node.store.model.DatasetEntity;
import io.lega.node.store.model.DatasetEvent;
import io.lega.node.store.model.DatasetEventEntity;
import io.lega.node.store.model.DatasetState;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The dataset aggregate: {@code datasets}, with its {@code dataset_files} and {@code
 * dataset_events}. Every change of a dataset is recorded as an event in the same transaction; a
 * call that changes nothing (a repeated message) records none.
 *
 * <p>Datasets go {@code registered} → {@code released} → {@code deprecated}; deprecation is final
 * and may also come straight from {@code registered}. Transactions and threads: as {@link
 * FileRepository}.
 */
@ApplicationScoped
public class DatasetRepository implements PanacheRepositoryBase<DatasetEntity, Long> {

  /**
   * The dataset with this stable id, registered (with a {@code registered} event) if it is new.
   * Idempotent.
   *
   * @param stableId the hub's id (EGAD...)
   * @param messageJson the message that caused it (a JSON object), or {@code null}
   * @return the stored dataset
   */
  @WithTransaction
  public Uni<DatasetEntity> createOrGet(String stableId, String messageJson) {
    Objects.requireNonNull(stableId, "stableId");
    MessageJson.object(messageJson);
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        INSERT INTO datasets (stable_id) VALUES (:stableId)
                        ON CONFLICT (stable_id) DO NOTHING
                        """)
                    .bind("stableId", stableId)
                    .update(session))
        .chain(
            inserted ->
                inserted == 0
                    ? Uni.createFrom().voidItem()
                    : appendEvent(stableId, DatasetEvent.REGISTERED, messageJson))
        .chain(() -> findByStableId(stableId));
  }

  /**
   * The dataset with this stable id.
   *
   * @return the dataset, or {@code null} if there is none
   */
  @WithSession
  public Uni<DatasetEntity> findByStableId(String stableId) {
    return find("stableId", stableId).firstResult();
  }

  /**
   * Puts files, named by their accession ids, in a dataset, registering the dataset if it is new
   * (the hub's {@code mapping} message). Idempotent: files already in it stay, and a {@code mapped}
   * event is recorded only if a file was added.
   *
   * @param stableId the dataset
   * @param accessionIds the files' accession ids
   * @param messageJson the message that caused it (a JSON object), or {@code null}
   * @return how many files were added
   * @throws UnknownAccessionIdsException (as the Uni's failure) if an accession id belongs to no
   *     file; nothing is mapped then
   * @throws DatasetDeprecatedException if the dataset is deprecated
   */
  @WithTransaction
  public Uni<Integer> mapFiles(
      String stableId, Collection<String> accessionIds, String messageJson) {
    Set<String> wanted = Set.copyOf(accessionIds);
    return createOrGet(stableId, messageJson)
        .invoke(
            dataset -> {
              if (dataset.state == DatasetState.DEPRECATED) {
                throw new DatasetDeprecatedException(stableId);
              }
            })
        .chain(dataset -> requireKnown(wanted).chain(() -> insertMappings(dataset.id, wanted)))
        .call(
            added ->
                added == 0
                    ? Uni.createFrom().voidItem()
                    : appendEvent(stableId, DatasetEvent.MAPPED, messageJson));
  }

  /**
   * As {@link #mapFiles}, but only if every accession id names a {@code ready} file, which is read
   * in the same transaction.
   *
   * @throws FilesNotReadyException (as the Uni's failure) if an accession id names no file, or a
   *     file that is not ready; nothing is mapped then
   */
  @WithTransaction
  public Uni<Integer> mapReadyFiles(
      String stableId, Collection<String> accessionIds, String messageJson) {
    Set<String> wanted = Set.copyOf(accessionIds);
    return filesWithAccessionIds(wanted)
        .invoke(found -> requireReady(wanted, found))
        .chain(() -> mapFiles(stableId, wanted, messageJson));
  }

  private Uni<List<FileEntity>> filesWithAccessionIds(Set<String> accessionIds) {
    if (accessionIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "from FileEntity where accessionId in ?1", FileEntity.class)
                    .setParameter(1, accessionIds)
                    .getResultList());
  }

  private static void requireReady(Set<String> accessionIds, List<FileEntity> found) {
    Set<String> unknown = new HashSet<>(accessionIds);
    Map<String, FileState> notReady = new HashMap<>();
    for (FileEntity file : found) {
      unknown.remove(file.accessionId);
      if (file.state != FileState.READY) {
        notReady.put(file.accessionId, file.state);
      }
    }
    if (!unknown.isEmpty() || !notReady.isEmpty()) {
      throw new FilesNotReadyException(unknown, notReady);
    }
  }

  /** Fails with {@link UnknownAccessionIdsException} unless every accession id has a file. */
  private Uni<Void> requireKnown(Set<String> accessionIds) {
    if (accessionIds.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    return getSession()
        .chain(
            session ->
                Sql.of("SELECT accession_id FROM files WHERE accession_id IN (:ids)")
                    .bind("ids", accessionIds)
                    .list(session, String.class))
        .invoke(
            known -> {
              Set<String> unknown = new HashSet<>(accessionIds);
              known.forEach(unknown::remove);
              if (!unknown.isEmpty()) {
                throw new UnknownAccessionIdsException(unknown);
              }
            })
        .replaceWithVoid();
  }

  private Uni<Integer> insertMappings(Long datasetId, Set<String> accessionIds) {
    if (accessionIds.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        INSERT INTO dataset_files (dataset_id, file_id)
                        SELECT :datasetId, id FROM files WHERE accession_id IN (:ids)
                        ON CONFLICT (dataset_id, file_id) DO NOTHING
                        """)
                    .bind("datasetId", datasetId)
                    .bind("ids", accessionIds)
                    .update(session));
  }

  /**
   * Releases a dataset, with a {@code released} event. Idempotent: releasing a released dataset
   * changes nothing.
   *
   * @return {@code true} if it was released now, {@code false} if it was already
   * @throws UnknownDatasetException (as the Uni's failure) if there is no such dataset
   * @throws DatasetDeprecatedException if it is deprecated
   */
  @WithTransaction
  public Uni<Boolean> release(String stableId, String messageJson) {
    MessageJson.object(messageJson);
    return changeState(
            stableId, DatasetState.RELEASED, List.of(DatasetState.REGISTERED), messageJson)
        .chain(
            changed ->
                changed
                    ? Uni.createFrom().item(true)
                    : findByStableId(stableId)
                        .map(
                            dataset -> {
                              if (dataset.state == DatasetState.DEPRECATED) {
                                throw new DatasetDeprecatedException(stableId);
                              }
                              return false;
                            }));
  }

  /**
   * Deprecates a dataset, with a {@code deprecated} event. Idempotent: deprecating a deprecated
   * dataset changes nothing.
   *
   * @return {@code true} if it was deprecated now, {@code false} if it was already
   * @throws UnknownDatasetException (as the Uni's failure) if there is no such dataset
   */
  @WithTransaction
  public Uni<Boolean> deprecate(String stableId, String messageJson) {
    MessageJson.object(messageJson);
    return changeState(
        stableId,
        DatasetState.DEPRECATED,
        List.of(DatasetState.REGISTERED, DatasetState.RELEASED),
        messageJson);
  }

  /**
   * Moves a dataset that is in one of {@code fromStates} to {@code state}, with the event of the
   * same name.
   *
   * @return whether it moved; fails with {@link UnknownDatasetException} if there is no dataset
   */
  private Uni<Boolean> changeState(
      String stableId, DatasetState state, List<DatasetState> fromStates, String messageJson) {
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        UPDATE datasets SET state = :state, updated_at = now()
                         WHERE stable_id = :stableId AND state IN (:from)
                        """)
                    .bind("state", state.value())
                    .bind("from", fromStates.stream().map(DatasetState::value).toList())
                    .bind("stableId", stableId)
                    .update(session))
        .chain(
            changed ->
                changed > 0
                    ? appendEvent(stableId, DatasetEvent.valueOf(state.name()), messageJson)
                        .replaceWith(true)
                    : requireDataset(stableId).replaceWith(false));
  }

  private Uni<Void> requireDataset(String stableId) {
    return findByStableId(stableId)
        .invoke(
            dataset -> {
              if (dataset == null) {
                throw new UnknownDatasetException(stableId);
              }
            })
        .replaceWithVoid();
  }

  private Uni<Void> appendEvent(String stableId, DatasetEvent event, String messageJson) {
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        INSERT INTO dataset_events (dataset_id, event, message)
                        SELECT id, :event, CAST(CAST(:message AS TEXT) AS JSONB) FROM datasets
                         WHERE stable_id = :stableId
                        """)
                    .bind("stableId", stableId)
                    .bind("event", event.value())
                    .bind("message", messageJson)
                    .update(session))
        .replaceWithVoid();
  }

  /**
   * The files of a dataset, by accession id.
   *
   * @return the files; empty for an unknown or empty dataset
   */
  @WithSession
  public Uni<List<FileEntity>> filesOf(String stableId) {
    return getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        """
                        from FileEntity f
                        where f.id in (select m.fileId from DatasetFileEntity m, DatasetEntity d
                                        where m.datasetId = d.id and d.stableId = ?1)
                        order by f.accessionId
                        """,
                        FileEntity.class)
                    .setParameter(1, stableId)
                    .getResultList());
  }

  /**
   * The datasets a file is in, by stable id.
   *
   * @return the datasets; empty if it is in none
   */
  @WithSession
  public Uni<List<DatasetEntity>> datasetsOf(UUID fileId) {
    return find(
            "id in (select m.datasetId from DatasetFileEntity m where m.fileId = ?1)"
                + " order by stableId",
            fileId)
        .list();
  }

  /** Whether a file is in any dataset (whatever its state). */
  @WithSession
  public Uni<Boolean> isInAnyDataset(UUID fileId) {
    return getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "select count(*) from DatasetFileEntity where fileId = ?1", Long.class)
                    .setParameter(1, fileId)
                    .getSingleResult())
        .map(count -> count > 0);
  }

  /**
   * A dataset's events, oldest first. There is no way to change or remove one.
   *
   * @return the events, ordered by id; empty for an unknown dataset
   */
  @WithSession
  public Uni<List<DatasetEventEntity>> events(String stableId) {
    return getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        """
                        from DatasetEventEntity e
                        where e.datasetId = (select d.id from DatasetEntity d where d.stableId = ?1)
                        order by e.id
                        """,
                        DatasetEventEntity.class)
                    .setParameter(1, stableId)
                    .getResultList());
  }
}
