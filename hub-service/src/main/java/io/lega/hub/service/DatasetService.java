package io.lega.hub.service;

import io.lega.contracts.DatasetDeprecate;
import io.lega.contracts.DatasetMapping;
import io.lega.contracts.DatasetRelease;
import io.lega.contracts.HubToNodeMessage;
import io.lega.hub.repository.DatasetEntity;
import io.lega.hub.repository.DatasetFileEntity;
import io.lega.hub.repository.DatasetFileRepository;
import io.lega.hub.repository.DatasetRepository;
import io.lega.hub.repository.SubmissionEntity;
import io.lega.hub.repository.SubmissionRepository;
import io.lega.hub.repository.UniqueViolation;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Datasets: made of archived files by accession id, then released, then deprecated; each step sends
 * its message to the node ({@code mapping}, {@code release}, {@code deprecate}) inside the step's
 * transaction, so a step the broker did not confirm changes nothing ({@link
 * NodeUnreachableException}) and may be repeated. Dataset messages carry a fresh UUID as
 * correlation id: they are about no single file.
 *
 * <p>Dataset ids are {@code EGAD} + 11 digits, from the sequence {@code dataset_accession_numbers}
 * (never reused); a number that a caller already took by naming its {@code dataset_id} is skipped.
 */
@ApplicationScoped
public class DatasetService {

  private static final Logger LOG = Logger.getLogger(DatasetService.class);

  private static final Set<DatasetState> RELEASABLE = EnumSet.of(DatasetState.MAPPED);
  private static final Set<DatasetState> DEPRECATABLE =
      EnumSet.of(DatasetState.MAPPED, DatasetState.RELEASED);

  private final DatasetRepository datasets;
  private final DatasetFileRepository files;
  private final SubmissionRepository submissions;
  private final NodeOutbox outbox;
  private final DacService dacs;

  public DatasetService(
      DatasetRepository datasets,
      DatasetFileRepository files,
      SubmissionRepository submissions,
      NodeOutbox outbox,
      DacService dacs) {
    this.dacs = dacs;
    this.datasets = datasets;
    this.files = files;
    this.submissions = submissions;
    this.outbox = outbox;
  }

  /**
   * Creates a dataset of archived files and sends {@code mapping}.
   *
   * @throws InvalidRequestException (in the Uni) for a missing or malformed id, or a repeated one
   * @throws ConflictException (in the Uni) if an accession id is unknown to the hub, or its file is
   *     not {@code archived}, or the dataset id is taken
   * @throws NodeUnreachableException (in the Uni) if the broker did not take the message
   */
  public Uni<Dataset> create(NewDataset request) {
    return Uni.createFrom()
        .item(() -> checked(request))
        .flatMap(accessionIds -> mapFiles(request.datasetId(), accessionIds, request.dacId()))
        .onFailure(UniqueViolation::in)
        .transform(
            e ->
                new ConflictException(
                    request.datasetId() == null
                        ? "the dataset id just issued was taken meanwhile; try again"
                        : "dataset " + request.datasetId() + " exists already"));
  }

  /** The creation's transaction (ArC intercepts this call from within the bean). */
  @WithTransaction
  Uni<Dataset> mapFiles(String requestedId, List<String> accessionIds, String dacId) {
    return checkArchived(accessionIds)
        .chain(() -> checkDac(dacId))
        .chain(() -> datasetId(requestedId))
        .flatMap(datasetId -> insert(datasetId, accessionIds, dacId));
  }

  /**
   * Releases a mapped dataset and sends {@code release}.
   *
   * @throws NoSuchResourceException (in the Uni) if there is no such dataset
   * @throws ConflictException (in the Uni) if it is not {@code mapped}
   */
  @WithTransaction
  public Uni<Dataset> release(String datasetId) {
    return move(datasetId, RELEASABLE, DatasetState.RELEASED, "released", DatasetRelease::new);
  }

  /**
   * Deprecates a mapped or released dataset and sends {@code deprecate}.
   *
   * @throws NoSuchResourceException (in the Uni) if there is no such dataset
   * @throws ConflictException (in the Uni) if it is deprecated already
   */
  @WithTransaction
  public Uni<Dataset> deprecate(String datasetId) {
    return move(
        datasetId, DEPRECATABLE, DatasetState.DEPRECATED, "deprecated", DatasetDeprecate::new);
  }

  /**
   * A dataset by id.
   *
   * @throws NoSuchResourceException (in the Uni) if there is none
   */
  @WithSession
  public Uni<Dataset> find(String datasetId) {
    return datasets
        .findById(datasetId)
        .onItem()
        .ifNull()
        .failWith(() -> unknown(datasetId))
        .flatMap(this::withFiles);
  }

  /** One page of the datasets in a state (every dataset if {@code null}), newest first. */
  @WithSession
  public Uni<PageOf<Dataset>> list(DatasetState state, int page, int size) {
    String stored = state == null ? null : state.id();
    return datasets
        .countOfState(stored)
        .flatMap(
            total ->
                datasets
                    .pageOfState(stored, page, size)
                    .flatMap(this::withFiles)
                    .map(items -> new PageOf<>(items, page, size, total)));
  }

  /** In the caller's transaction: the dataset locked, moved, and its message sent. */
  private Uni<Dataset> move(
      String datasetId,
      Set<DatasetState> from,
      DatasetState to,
      String verb,
      Function<String, HubToNodeMessage> message) {
    return datasets
        .lockById(datasetId)
        .onItem()
        .ifNull()
        .failWith(() -> unknown(datasetId))
        .invoke(dataset -> moved(dataset, from, to, verb))
        .call(() -> datasets.flush())
        .call(() -> send(message.apply(datasetId)))
        .flatMap(this::withFiles)
        .invoke(() -> LOG.infof("dataset %s %s", datasetId, verb));
  }

  /** Puts the dataset in state {@code to}; a conflict unless it is in one of {@code from}. */
  private static void moved(
      DatasetEntity dataset, Set<DatasetState> from, DatasetState to, String verb) {
    DatasetState state = state(dataset);
    if (state == to) {
      throw new ConflictException("dataset " + dataset.datasetId + " is " + verb + " already");
    }
    if (!from.contains(state)) {
      throw new ConflictException(
          "dataset "
              + dataset.datasetId
              + " is "
              + state.id()
              + ": only a "
              + from.stream().map(DatasetState::id).collect(Collectors.joining(" or "))
              + " dataset can be "
              + verb);
    }
    dataset.state = to.id();
    dataset.updatedAt = Timestamps.now();
  }

  /** The request's accession ids, checked; invalid input throws. */
  private static List<String> checked(NewDataset request) {
    if (request == null) {
      throw new InvalidRequestException(
          "a JSON body {\"accession_ids\": [...]} naming the dataset's files is required");
    }
    if (request.datasetId() != null
        && !AccessionIds.DATASET.matcher(request.datasetId()).matches()) {
      throw new InvalidRequestException(
          "dataset_id '"
              + Text.shorten(request.datasetId())
              + "' is not a dataset accession id (EGAD and 11 digits)");
    }
    List<String> ids = request.accessionIds();
    if (ids == null || ids.isEmpty()) {
      throw new InvalidRequestException("accession_ids must name at least one file");
    }
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      if (id == null || !AccessionIds.FILE.matcher(id).matches()) {
        throw new InvalidRequestException(
            "accession_ids["
                + i
                + "]: "
                + (id == null ? "null" : "'" + Text.shorten(id) + "'")
                + " is not a file accession id (EGAF and 11 digits)");
      }
      Integer earlier = seen.putIfAbsent(id, i);
      if (earlier != null) {
        throw new InvalidRequestException(
            "accession_ids[" + i + "] repeats accession_ids[" + earlier + "] (" + id + ")");
      }
    }
    return List.copyOf(ids);
  }

  /**
   * Refuses unless every accession id is an archived submission's (those are then share-locked).
   */
  private Uni<Void> checkArchived(List<String> accessionIds) {
    return submissions
        .byAccessionIds(accessionIds)
        .invoke(found -> requireArchived(accessionIds, found))
        .replaceWithVoid();
  }

  private static void requireArchived(List<String> accessionIds, List<SubmissionEntity> found) {
    Map<String, SubmissionEntity> byId =
        found.stream().collect(Collectors.toMap(s -> s.accessionId, s -> s));
    List<String> unknown = new ArrayList<>();
    List<String> notArchived = new ArrayList<>();
    for (String id : accessionIds) {
      SubmissionEntity submission = byId.get(id);
      if (submission == null) {
        unknown.add(id);
      } else if (!SubmissionState.ARCHIVED.id().equals(submission.state)) {
        notArchived.add(id + " (" + submission.state + ")");
      }
    }
    List<String> problems = new ArrayList<>();
    if (!unknown.isEmpty()) {
      problems.add("unknown to the hub: " + String.join(", ", unknown));
    }
    if (!notArchived.isEmpty()) {
      problems.add("not archived: " + String.join(", ", notArchived));
    }
    if (!problems.isEmpty()) {
      throw new ConflictException(
          "only archived files can be mapped to a dataset; " + String.join("; ", problems));
    }
  }

  /** The requested dataset id if it is free, else a new one. */
  private Uni<String> datasetId(String requested) {
    if (requested != null) {
      return datasets
          .findById(requested)
          .map(
              existing -> {
                if (existing != null) {
                  throw new ConflictException(
                      "dataset " + requested + " exists already (" + existing.state + ")");
                }
                return requested;
              });
    }
    return AccessionIds.fresh(
        "dataset",
        datasets::nextAccessionNumber,
        AccessionIds::dataset,
        id -> datasets.findById(id).map(Objects::nonNull));
  }

  /** Refuses a DAC id that is malformed (400) or names no DAC (409); none is fine. */
  private Uni<Void> checkDac(String dacId) {
    if (dacId == null) {
      return Uni.createFrom().voidItem();
    }
    if (!AccessionIds.DAC.matcher(dacId).matches()) {
      throw new InvalidRequestException(
          "dac_id '" + Text.shorten(dacId) + "' is not a DAC accession id (EGAC and 11 digits)");
    }
    return dacs.checkExists(dacId);
  }

  private Uni<Dataset> insert(String datasetId, List<String> accessionIds, String dacId) {
    Instant now = Timestamps.now();
    DatasetEntity dataset = new DatasetEntity();
    dataset.datasetId = datasetId;
    dataset.state = DatasetState.MAPPED.id();
    dataset.dacId = dacId;
    dataset.createdAt = now;
    dataset.updatedAt = now;
    List<DatasetFileEntity> rows = new ArrayList<>();
    for (int i = 0; i < accessionIds.size(); i++) {
      DatasetFileEntity row = new DatasetFileEntity();
      row.datasetId = datasetId;
      row.accessionId = accessionIds.get(i);
      row.position = i;
      rows.add(row);
    }
    return datasets
        .persist(dataset)
        .chain(() -> files.persist(rows))
        .chain(() -> datasets.flush())
        .chain(() -> send(new DatasetMapping(datasetId, accessionIds)))
        .map(ignored -> new Dataset(datasetId, dataset.state, accessionIds, now, now, dacId))
        .invoke(
            () -> LOG.infof("dataset %s mapped with %d file(s)", datasetId, accessionIds.size()));
  }

  private Uni<Void> send(HubToNodeMessage message) {
    return Outbound.send(outbox, message, UUID.randomUUID().toString());
  }

  private Uni<Dataset> withFiles(DatasetEntity dataset) {
    return withFiles(List.of(dataset)).map(list -> list.get(0));
  }

  private Uni<List<Dataset>> withFiles(List<DatasetEntity> rows) {
    return files
        .of(rows.stream().map(d -> d.datasetId).toList())
        .map(
            all -> {
              Map<String, List<String>> byDataset =
                  all.stream()
                      .collect(
                          Collectors.groupingBy(
                              f -> f.datasetId,
                              Collectors.mapping(f -> f.accessionId, Collectors.toList())));
              return rows.stream()
                  .map(
                      d ->
                          new Dataset(
                              d.datasetId,
                              d.state,
                              byDataset.getOrDefault(d.datasetId, List.of()),
                              d.createdAt,
                              d.updatedAt,
                              d.dacId))
                  .toList();
            });
  }

  private static DatasetState state(DatasetEntity dataset) {
    return DatasetState.of(dataset.state)
        .orElseThrow(() -> new IllegalStateException("unknown dataset state " + dataset.state));
  }

  static NoSuchResourceException unknown(String datasetId) {
    return new NoSuchResourceException("no dataset '" + Text.shorten(datasetId) + "'");
  }
}
