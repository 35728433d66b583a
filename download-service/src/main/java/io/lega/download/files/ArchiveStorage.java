package io.lega.download.files;

import io.lega.download.config.DownloadConfig;
import io.lega.node.worker.StorageGroup;
import io.lega.platform.error.SystemErrorException;
import io.lega.platform.storage.Storage;
import io.lega.platform.storage.StorageException;
import io.lega.platform.storage.Storages;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * The archive storage ({@code lega.download.archive.*}), opened at start (the service does not
 * start if it cannot be opened) and closed at shutdown. Only read.
 */
@Startup
@Singleton
public class ArchiveStorage {

  private static final Logger LOG = Logger.getLogger(ArchiveStorage.class);

  /** The object {@link #reachable()} asks about; it need not exist. */
  static final String PROBE = "lega-download-readiness-probe";

  private final Storage storage;

  public ArchiveStorage(DownloadConfig config) {
    try {
      this.storage =
          Storages.create(StorageGroup.settings(config.archive(), "lega.download.archive"));
    } catch (StorageException e) {
      throw new SystemErrorException(
          "lega.download.archive: cannot open the storage: " + e.getMessage(), e);
    }
    LOG.infof(
        "archive storage: %s", config.archive().type().name().toLowerCase(java.util.Locale.ROOT));
  }

  /** The storage. */
  public Storage storage() {
    return storage;
  }

  /** Whether the backend answers (a {@code stat} of a probe name). Blocks. */
  public boolean reachable() {
    try {
      storage.stat(PROBE);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.debugf("archive storage not reachable: %s", e);
      return false;
    }
  }

  @PreDestroy
  void close() {
    storage.close();
  }
}
