package io.lega.finalize.messaging;

import io.lega.contracts.DatasetDeprecate;
import io.lega.contracts.DatasetMapping;
import io.lega.contracts.DatasetRelease;
import io.lega.contracts.HubToNodeMessage;
import io.lega.contracts.MessageCodec;
import io.lega.node.store.DatasetDeprecatedException;
import io.lega.node.store.FilesNotReadyException;
import io.lega.node.store.NodeStore;
import io.lega.node.store.UnknownAccessionIdsException;
import io.lega.node.store.UnknownDatasetException;
import io.lega.platform.broker.MessageContext;
import io.lega.platform.broker.UserErrorReporter;
import io.lega.platform.error.SystemErrorException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Handles queue {@code mappings}: the hub's {@code mapping}, {@code release} and {@code deprecate}
 * messages, kept in {@code datasets}, {@code dataset_files} and the {@code dataset_events} log
 * through {@link NodeStore}. Every change is idempotent: a repeated message records no second
 * event.
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

  private final NodeStore store;
  private final int maxAttempts;
  private final MessageCodec codec = MessageCodec.shared();

  /**
   * @param store the node's files and datasets
   * @param maxAttempts the consumer's attempts at a message ({@code lega.broker.max-attempts}): a
   *     release or deprecation of an unknown dataset is retried until the last one, in case the
   *     mapping that creates it is being handled at the same time
   */
  public DatasetHandler(NodeStore store, int maxAttempts) {
    this.store = Objects.requireNonNull(store, "store");
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
      String datasetId = release.datasetId();
      return change(
          "release", "released", datasetId, context, () -> store.release(datasetId, json));
    } else if (message instanceof DatasetDeprecate deprecate) {
      String datasetId = deprecate.datasetId();
      return change(
          "deprecation", "deprecated", datasetId, context, () -> store.deprecate(datasetId, json));
    } else {
      throw Decoders.misplaced(message, "mappings");
    }
  }

  private boolean map(DatasetMapping mapping, String json) {
    String datasetId = mapping.datasetId();
    Set<String> accessionIds = new TreeSet<>(mapping.accessionIds());
    int added;
    try {
      added = store.mapReadyFiles(datasetId, accessionIds, json);
    } catch (FilesNotReadyException e) {
      throw refused(notReady(datasetId, e), null);
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

  /** Why a mapping naming unknown or unready files is refused. */
  private static String notReady(String datasetId, FilesNotReadyException e) {
    StringBuilder reason =
        new StringBuilder("mapping refused: dataset ").append(datasetId).append(" names");
    if (!e.unknown().isEmpty()) {
      reason.append(" accession ids no file has: ").append(String.join(", ", e.unknown()));
    }
    if (!e.notReady().isEmpty()) {
      reason
          .append(e.unknown().isEmpty() ? "" : ";")
          .append(" files that are not ready: ")
          .append(
              e.notReady().entrySet().stream()
                  .map(file -> file.getKey() + " (" + file.getValue().value() + ")")
                  .collect(Collectors.joining(", ")));
    }
    return reason.toString();
  }

  /**
   * A release or a deprecation ({@code what}) of a dataset, which becomes {@code done}. Only a
   * release can meet a deprecated dataset: a deprecation of one changes nothing.
   */
  private boolean change(
      String what, String done, String datasetId, MessageContext context, BooleanSupplier change) {
    boolean changed;
    try {
      changed = change.getAsBoolean();
    } catch (UnknownDatasetException e) {
      throw unknownDataset(what, datasetId, context, e);
    } catch (DatasetDeprecatedException e) {
      throw refused(what + " refused: dataset " + datasetId + " is deprecated, which is final", e);
    }
    LOG.infof(
        changed ? "dataset %s " + done : "dataset %s was " + done + " already: nothing changed",
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
          ("dataset %s is unknown to this node (yet?): the %s is tried again in case its mapping"
                  + " is being handled")
              .formatted(datasetId, what),
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
