package io.lega.finalize.messaging;

import io.lega.contracts.DatasetDeprecate;
import io.lega.contracts.DatasetMapping;
import io.lega.contracts.DatasetRelease;
import io.lega.contracts.HubToNodeMessage;
import io.lega.contracts.MalformedMessageException;
import io.lega.contracts.MessageCodec;
import io.lega.node.store.DatasetDeprecatedException;
import io.lega.node.store.DatasetRepository;
import io.lega.node.store.FileRepository;
import io.lega.node.store.UnknownAccessionIdsException;
import io.lega.node.store.UnknownDatasetException;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileState;
import io.lega.node.worker.StoreCalls;
import io.lega.platform.broker.MessageContext;
import io.lega.platform.broker.UserErrorReporter;
import io.lega.platform.error.SystemErrorException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Handles queue {@code mappings}: the hub's {@code mapping}, {@code release} and {@code deprecate}
 * messages, kept in {@code datasets}, {@code dataset_files} and the {@code dataset_events} log
 * through {@link DatasetRepository}. Every change is idempotent: a repeated message records no
 * second event.
 *
 * <p>A request the node refuses (files unknown or not ready, a deprecated dataset, a dataset the
 * node does not know) changes nothing and is parked in the quarantine queue {@code error} with the
 * reason ({@link DatasetRequestRefusedException}), for an operator: these messages are about no
 * single submitter's file, so no {@code files.error} is sent. The correlation id is not used.
 */
public final class DatasetHandler {

  /**
   * The reporter of the {@code mappings} consumer. This handler raises no user errors (refusals are
   * quarantined), so a user error here is a bug: it is logged, and the message acknowledged.
   */
  public static final UserErrorReporter<Object> NO_USER_ERRORS =
      (error, message, context) ->
          Logger.getLogger(DatasetHandler.class)
              .errorf("unexpected user error for a dataset message: %s", error.reason());

  private static final Logger LOG = Logger.getLogger(DatasetHandler.class);

  private final FileRepository files;
  private final DatasetRepository datasets;
  private final int maxAttempts;
  private final MessageCodec codec = MessageCodec.shared();

  /**
   * @param files the node's files
   * @param datasets the node's datasets
   * @param maxAttempts the consumer's attempts at a message ({@code lega.broker.max-attempts}): a
   *     release or deprecation of an unknown dataset is retried until the last one, in case the
   *     mapping that creates it is being handled at the same time
   */
  public DatasetHandler(FileRepository files, DatasetRepository datasets, int maxAttempts) {
    this.files = Objects.requireNonNull(files, "files");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
    this.maxAttempts = maxAttempts;
  }

  /**
   * Dispatches on the message's type.
   *
   * @throws DatasetRequestRefusedException if the node refuses the request (quarantined)
   * @throws SystemErrorException (or any other runtime exception) if the database fails: retried
   * @return whether anything changed ({@code false}: a repeated message)
   */
  public boolean handle(HubToNodeMessage message, MessageContext context) {
    String json = new String(codec.encode(message), StandardCharsets.UTF_8);
    if (message instanceof DatasetMapping mapping) {
      return map(mapping, json);
    } else if (message instanceof DatasetRelease release) {
      return release(release.datasetId(), json, context);
    } else if (message instanceof DatasetDeprecate deprecate) {
      return deprecate(deprecate.datasetId(), json, context);
    } else {
      throw new MalformedMessageException(
          "a '" + message.type() + "' message does not belong on queue mappings");
    }
  }

  private boolean map(DatasetMapping mapping, String json) {
    String datasetId = mapping.datasetId();
    Set<String> accessionIds = new TreeSet<>(mapping.accessionIds());
    int added;
    try {
      added =
          StoreCalls.await(
              () ->
                  Panache.withTransaction(
                      () ->
                          requireReady(datasetId, accessionIds)
                              .chain(() -> datasets.mapFiles(datasetId, accessionIds, json))));
    } catch (DatasetDeprecatedException e) {
      throw refused(
          "mapping refused: dataset " + datasetId + " is deprecated and takes no more files", e);
    } catch (UnknownAccessionIdsException e) {
      throw refused(
          "mapping refused: dataset "
              + datasetId
              + " names accession ids no file has: "
              + String.join(", ", e.accessionIds()),
          e);
    }
    LOG.infof(
        "dataset %s: %d of %d files added (%s)",
        datasetId, added, accessionIds.size(), String.join(", ", accessionIds));
    return added > 0;
  }

  /** Fails with a refusal unless every accession id names a ready file; reads only. */
  private Uni<Void> requireReady(String datasetId, Set<String> accessionIds) {
    return files
        .find("accessionId in ?1", accessionIds)
        .list()
        .invoke(
            found -> {
              Map<String, FileState> states = new TreeMap<>();
              for (FileEntity file : found) {
                states.put(file.accessionId, file.state);
              }
              Set<String> unknown = new TreeSet<>(accessionIds);
              unknown.removeAll(states.keySet());
              List<String> notReady =
                  states.entrySet().stream()
                      .filter(e -> e.getValue() != FileState.READY)
                      .map(e -> e.getKey() + " (" + e.getValue().value() + ")")
                      .toList();
              if (unknown.isEmpty() && notReady.isEmpty()) {
                return;
              }
              StringBuilder reason =
                  new StringBuilder("mapping refused: dataset ").append(datasetId).append(" names");
              if (!unknown.isEmpty()) {
                reason.append(" accession ids no file has: ").append(String.join(", ", unknown));
              }
              if (!notReady.isEmpty()) {
                reason
                    .append(unknown.isEmpty() ? "" : ";")
                    .append(" files that are not ready: ")
                    .append(notReady.stream().collect(Collectors.joining(", ")));
              }
              throw refused(reason.toString(), null);
            })
        .replaceWithVoid();
  }

  private boolean release(String datasetId, String json, MessageContext context) {
    boolean changed;
    try {
      changed = StoreCalls.await(() -> datasets.release(datasetId, json));
    } catch (UnknownDatasetException e) {
      throw unknownDataset("release", datasetId, context, e);
    } catch (DatasetDeprecatedException e) {
      throw refused("release refused: dataset " + datasetId + " is deprecated, which is final", e);
    }
    LOG.infof(
        changed ? "dataset %s released" : "dataset %s was released already: nothing changed",
        datasetId);
    return changed;
  }

  private boolean deprecate(String datasetId, String json, MessageContext context) {
    boolean changed;
    try {
      changed = StoreCalls.await(() -> datasets.deprecate(datasetId, json));
    } catch (UnknownDatasetException e) {
      throw unknownDataset("deprecation", datasetId, context, e);
    }
    LOG.infof(
        changed ? "dataset %s deprecated" : "dataset %s was deprecated already: nothing changed",
        datasetId);
    return changed;
  }

  /**
   * An unknown dataset: retried while attempts remain (its mapping may be handled on another worker
   * right now, as both come on this queue), refused at the last attempt.
   */
  private RuntimeException unknownDataset(
      String what, String datasetId, MessageContext context, UnknownDatasetException e) {
    if (context.attempt() < maxAttempts) {
      return new SystemErrorException(
          "dataset "
              + datasetId
              + " is unknown to this node (yet?): the "
              + what
              + " is tried again in case its mapping is being handled",
          e);
    }
    return refused(
        what + " refused: dataset " + datasetId + " is unknown to this node (no mapping made it)",
        e);
  }

  private static DatasetRequestRefusedException refused(String reason, Throwable cause) {
    LOG.error(reason);
    return new DatasetRequestRefusedException(reason, cause);
  }
}
