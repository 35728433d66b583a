package io.lega.node.worker;

import io.lega.platform.error.SystemErrorException;
import io.lega.platform.storage.Storage;
import io.lega.platform.storage.StorageException;
import io.lega.platform.storage.Storages;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What a node worker (ingest, verify or finalize) opens at start and closes at shutdown: its
 * storages, anything else it registers (a thread pool, say) and the consumers of its {@link
 * NodeBroker} (a CDI-produced bean, whose connection its disposer closes after the shutdown).
 *
 * <p>A service opens its storages with {@link #openStorage}, registers other resources with {@link
 * #closeAtEnd}, then hands the broker over with {@link #consumeOn} and registers its consumers on
 * it. {@link #close()} closes everything in the reverse order of opening: the broker's consumers
 * first (so no message is being handled any more), then the registered resources, then the
 * storages; a failure to close one is logged and the others are closed still. After {@code close()}
 * the object can be used again. A service whose start fails calls {@code close()} to release what
 * was opened.
 *
 * <p>Thread-safe; {@link #broker()} does not block, so a readiness check may call it at any time.
 */
public final class WorkerResources implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(WorkerResources.class);

  /** What is open, most recent first. */
  private final Deque<Opened> opened = new ArrayDeque<>();

  private volatile NodeBroker broker;

  /** Nothing open yet. */
  public WorkerResources() {}

  /**
   * Opens one storage from its config group and closes it at the end.
   *
   * @param group the storage's keys
   * @param key the keys' prefix, for messages (e.g. {@code lega.archive})
   * @return the open storage
   * @throws IllegalArgumentException if a required key is missing
   * @throws SystemErrorException if the storage cannot be opened ({@code <key>: cannot open the
   *     storage: <why>})
   */
  public synchronized Storage openStorage(StorageGroup group, String key) {
    Storage storage;
    try {
      storage = Storages.create(StorageGroup.settings(group, key));
    } catch (StorageException e) {
      throw new SystemErrorException(key + ": cannot open the storage: " + e.getMessage(), e);
    }
    opened.push(new Opened(key + ": the storage", storage::close));
    LOG.infof("%s: %s", key, typeName(group));
    return storage;
  }

  /**
   * Closes a resource at the end, before what was opened earlier and after what is opened later.
   *
   * @param what what it is, for the log if it fails to close (e.g. {@code the archiver})
   * @param resource how to close it
   */
  public synchronized void closeAtEnd(String what, AutoCloseable resource) {
    opened.push(new Opened(what, resource));
  }

  /**
   * Stops the broker's consumers first at the end; from now on {@link #broker()} returns it.
   *
   * @param consumers the node's broker side, to register consumers on
   * @return the same, for registering
   * @throws IllegalStateException if a broker was handed over already
   */
  public synchronized NodeBroker consumeOn(NodeBroker consumers) {
    if (broker != null) {
      throw new IllegalStateException("the broker is handed over already: " + broker);
    }
    broker = consumers;
    opened.push(new Opened("the broker's consumers", consumers::stopConsuming));
    return consumers;
  }

  /** The broker side handed over, if any and not closed. */
  public Optional<NodeBroker> broker() {
    return Optional.ofNullable(broker);
  }

  /**
   * Closes everything in the reverse order of opening, logging (as a warning) what fails to close.
   */
  @Override
  public synchronized void close() {
    broker = null;
    while (!opened.isEmpty()) {
      Opened next = opened.pop();
      try {
        next.resource().close();
      } catch (Exception e) {
        LOG.warnf("%s did not close cleanly: %s", next.what(), e.toString());
      }
    }
  }

  /** {@code posix} or {@code s3}. */
  private static String typeName(StorageGroup group) {
    return group.type().name().toLowerCase(Locale.ROOT);
  }

  private record Opened(String what, AutoCloseable resource) {}
}
