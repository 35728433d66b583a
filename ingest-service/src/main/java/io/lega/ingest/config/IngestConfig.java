package io.lega.ingest.config;

import io.lega.node.worker.BrokerGroup;
import io.lega.node.worker.KeyGroup;
import io.lega.node.worker.StorageGroup;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.util.List;

/**
 * Every setting of the ingest service, under {@code lega}. The database is configured with the
 * usual {@code quarkus.datasource.*} keys.
 */
@ConfigMapping(prefix = "lega")
public interface IngestConfig {

  /**
   * The node's broker: {@code lega.broker.*} (host, port, credentials, retries, node name...). The
   * ingest service runs the node's hub router: {@code lega.broker.route-hub-messages} is {@code
   * true} in its {@code application.properties}.
   */
  BrokerGroup broker();

  /**
   * The inbox as a storage ({@code lega.inbox-storage.*}; POSIX by default, {@code
   * lega.inbox-storage.posix.root} = the inbox service's root, holding {@code <user>/<path>}): read
   * only.
   */
  StorageGroup inboxStorage();

  /**
   * The archive ({@code lega.archive.*}): ingest writes the body {@code <file-uuid>} and the header
   * object {@code <file-uuid>.header}, and deletes both on a user error or a cancel.
   */
  StorageGroup archive();

  /** The node's Crypt4GH keys: {@code lega.keys.*}. */
  Keys keys();

  /** The ingest service's own switches: {@code lega.ingest.*}. */
  @WithName("ingest")
  Service service();

  /** {@code lega.keys.*}. */
  interface Keys {

    /**
     * The node's active submission keys, the private halves of the keys submitters encrypt for:
     * {@code lega.keys.submission[0].path} with {@code lega.keys.submission[0].passphrase} or
     * {@code lega.keys.submission[0].passphrase-file}, then {@code [1]}... Several may be active at
     * once (key rotation); each file is opened with the first that can. At least one.
     */
    List<KeyGroup> submission();

    /**
     * The archive key's public half (a Crypt4GH public key file): every archived header is
     * re-encrypted for it alone. The ingest service never holds the archive private key.
     */
    Path archivePublicKey();
  }

  /** {@code lega.ingest.*}. */
  interface Service {

    /**
     * Threads computing the checksums (SHA-256 of the body; SHA-256 and MD5 of the whole inbox file
     * when the hub gave encrypted checksums) while the body streams to the archive, shared by every
     * file ingested at once; {@code 0} means one per available core.
     */
    @WithDefault("0")
    int digestThreads();

    /** Size of each read from the inbox file, in bytes (a chunk handed to the digest threads). */
    @WithDefault("1048576")
    int chunkSize();

    /**
     * Chunks each file may have in flight between reading, hashing and writing to the archive:
     * memory per file being ingested is at most this times {@code chunk-size}.
     */
    @WithDefault("8")
    int chunksInFlight();
  }
}
