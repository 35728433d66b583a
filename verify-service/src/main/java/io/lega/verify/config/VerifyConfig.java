package io.lega.verify.config;

import io.lega.node.worker.BrokerGroup;
import io.lega.node.worker.KeyGroup;
import io.lega.node.worker.StorageGroup;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Every setting of the verify service, under {@code lega}. The database is configured with the
 * usual {@code quarkus.datasource.*} keys.
 */
@ConfigMapping(prefix = "lega")
public interface VerifyConfig {

  /** The node's broker: {@code lega.broker.*} (host, port, credentials, retries, node name...). */
  BrokerGroup broker();

  /**
   * Where ingest archived the files ({@code lega.archive.*}): the body {@code <file-uuid>} is read;
   * on a user error the body and its header object {@code <file-uuid>.header} are deleted.
   */
  StorageGroup archive();

  /** The node's Crypt4GH keys: {@code lega.keys.*}. */
  Keys keys();

  /** The verify service's own switches: {@code lega.verify.*}. */
  @WithName("verify")
  Service service();

  /** {@code lega.keys.*}. */
  interface Keys {

    /**
     * The archive key's private half ({@code lega.keys.archive.path}, with {@code
     * lega.keys.archive.passphrase} or {@code lega.keys.archive.passphrase-file}): opens the
     * archived headers.
     */
    KeyGroup archive();
  }

  /** {@code lega.verify.*}. */
  interface Service {

    /**
     * Threads that decrypt segments and compute the digests, shared by every file verified at once;
     * {@code 0} means one per available core.
     */
    @WithDefault("0")
    int threads();

    /**
     * Batches of 16 segments (about 1 MiB) each file may have in flight between reading, decrypting
     * and hashing; {@code 0} means twice the threads, plus two. Memory per file being verified is
     * about 2 MiB per batch.
     */
    @WithDefault("0")
    int batchesInFlight();
  }
}
