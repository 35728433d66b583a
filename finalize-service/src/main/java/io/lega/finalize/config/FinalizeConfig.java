package io.lega.finalize.config;

import io.lega.node.worker.BrokerGroup;
import io.lega.node.worker.StorageGroup;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every setting of the finalize service, under {@code lega}. The database is configured with the
 * usual {@code quarkus.datasource.*} keys.
 */
@ConfigMapping(prefix = "lega")
public interface FinalizeConfig {

  /** The node's broker: {@code lega.broker.*} (host, port, credentials, retries, node name...). */
  BrokerGroup broker();

  /**
   * Where ingest archived the files ({@code lega.archive.*}): read only, to copy the body and the
   * header object to the backup.
   */
  StorageGroup archive();

  /**
   * The backup storage ({@code lega.backup.*}): only read (and opened) with {@code
   * lega.finalize.backup.enabled=true}.
   */
  StorageGroup backup();

  /**
   * The inbox as a storage ({@code lega.inbox-storage.*}; POSIX by default, {@code
   * lega.inbox-storage.posix.root} = the inbox service's root, holding {@code <user>/<path>}): only
   * opened with {@code lega.finalize.remove-from-inbox=true}.
   */
  StorageGroup inboxStorage();

  /** The finalize service's own switches: {@code lega.finalize.*}. */
  @WithName("finalize")
  Service service();

  /** {@code lega.finalize.*}. */
  interface Service {

    /** The backup copy. */
    Backup backup();

    /**
     * Remove the submitter's inbox file once the file is ready (only if the inbox file is still the
     * upload that was ingested: same size, and same modification time if one was recorded).
     */
    @WithDefault("true")
    boolean removeFromInbox();
  }

  /** {@code lega.finalize.backup.*}. */
  interface Backup {

    /**
     * Copy each file's archived body and header object to the backup storage ({@code
     * lega.backup.*}) and verify the copy before the file is marked ready.
     */
    @WithDefault("false")
    boolean enabled();
  }
}
