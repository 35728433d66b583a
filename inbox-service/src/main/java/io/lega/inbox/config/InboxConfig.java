package io.lega.inbox.config;

import io.lega.inbox.sftp.HostKeyAlgorithm;
import io.lega.platform.broker.BrokerConfig;
import io.lega.platform.broker.FallbackBrokerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Every setting of the inbox service, under {@code lega.inbox}.
 *
 * <p>Each {@code lega.inbox.broker.*} key but {@code topology-side} falls back to the same key
 * under {@code lega.broker.*}, the broker settings the node's services share (the ones
 * test-support's {@code AmqpBrokerResource} and {@code ./lega up} set), and then to its default.
 */
@ConfigMapping(prefix = "lega.inbox")
public interface InboxConfig {

  /** The SFTP server. */
  Sftp sftp();

  /** The hub's user directory, where credentials come from. */
  Hub hub();

  /** The users' folders. */
  Storage storage();

  /**
   * Where notifications go: {@code broker} (the default) publishes them to the hub's exchange and
   * waits for the broker's confirm; {@code log} only logs them (no broker connection is made: for
   * trying the SFTP server alone).
   */
  @WithDefault("broker")
  NotifierKind notifier();

  /**
   * The AMQP broker the notifications are published to (used when the notifier is broker). Every
   * key but {@code topology-side} falls back to {@code lega.broker.<key>}, then to its default.
   */
  Broker broker();

  /**
   * What tells the inbox that a file is being ingested (it then refuses to overwrite, rename or
   * remove it): {@code memory} (the default) keeps locks in memory, which nothing in the
   * application gives, so no file is ever locked, and needs no database; {@code database} reads the
   * node database through the default datasource ({@code quarkus.datasource.jdbc.url}, {@code
   * username}, {@code password}): a file is locked while its row in {@code files} is {@code
   * submitted}.
   */
  @WithDefault("memory")
  IngestionGuardKind ingestionGuard();

  /**
   * With {@code ingestion-guard=database}: longest a check may take (getting a connection and the
   * query). A check that fails or takes longer refuses the SFTP operation ("cannot check whether
   * the file is being ingested; try again"). Also the datasource's acquisition and login timeouts,
   * unless {@code quarkus.datasource.jdbc.*} sets them.
   */
  @WithDefault("PT5S")
  Duration ingestionGuardTimeout();

  /** What {@link #notifier()} can be. */
  enum NotifierKind {
    BROKER,
    LOG
  }

  /** What {@link #ingestionGuard()} can be. */
  enum IngestionGuardKind {
    MEMORY,
    DATABASE
  }

  interface Sftp {
    /** Address the SFTP server binds to. */
    @WithDefault("0.0.0.0")
    String host();

    /** TCP port of the SFTP server; 0 picks a free port (tests), the bound one is logged. */
    @WithDefault("2222")
    int port();

    /**
     * File holding the server's host key. Generated at first start (mode 0600) and reused after, so
     * that clients' known_hosts stay valid across restarts.
     */
    @WithDefault("data/inbox/ssh_host_key")
    Path hostKeyPath();

    /** Algorithm of a newly generated host key: {@code ed25519} or {@code rsa}. */
    @WithDefault("ed25519")
    HostKeyAlgorithm hostKeyAlgorithm();

    /** A session that stays silent this long is closed. */
    @WithDefault("PT30M")
    Duration idleTimeout();

    /** Failed authentication attempts allowed per connection before it is closed. */
    @WithDefault("6")
    int maxAuthAttempts();
  }

  interface Hub {
    /**
     * Base URL of the hub; users are read from {@code GET {url}/api/users/{username}}. No default:
     * without a hub nobody can log in.
     */
    Optional<URI> url();

    /** Bearer token the inbox presents to the hub (a service credential). Never logged. */
    Optional<String> token();

    /**
     * How long a user read from the hub is trusted without asking again. A user disabled at the hub
     * is refused at the first login after this.
     */
    @WithDefault("PT60S")
    Duration cacheTtl();

    /**
     * While the hub cannot be reached (a restart), a cached user this young still logs in. Any
     * answer from the hub replaces the cached one at once.
     */
    @WithDefault("PT15M")
    Duration staleTtl();

    /** Timeout of one request to the hub (connect and answer). */
    @WithDefault("PT5S")
    Duration timeout();

    /**
     * Roles that may log in (any one of them is enough). {@code *} lets in every enabled user.
     * Disabled users never log in.
     */
    @WithDefault("submitter")
    Set<String> allowedRoles();
  }

  interface Storage {
    /** Folder holding one folder per user ({@code <root>/<username>/}, made at first login). */
    @WithDefault("data/inbox/users")
    Path root();

    /**
     * Most bytes one user may keep in their inbox (sum of file sizes); 0 means no limit. Checked
     * when a file is opened for writing and on every write.
     */
    @WithDefault("0")
    long quotaBytes();
  }

  /**
   * {@code lega.inbox.broker.*}: the keys every service shares ({@link BrokerConfig}, documented
   * there; the inbox only publishes, so {@code prefetch} and {@code max-attempts} go unused and the
   * back-off paces reconnection), each falling back to {@code lega.broker.<key>} and then to its
   * default, and the inbox's own.
   */
  interface Broker extends FallbackBrokerConfig {
    /**
     * This node's name (lower-case letters, digits, {@code -}, {@code _}): names the node's inbound
     * queue {@code to_node.<name>} in the declared topology.
     */
    @WithDefault("${lega.broker.node-name:node1}")
    String nodeName();

    /**
     * Which part of the topology the inbox declares at start: {@code node} (a node's own broker,
     * linked to the hub by a shovel: the node's exchanges and queues, the local {@code hub}
     * exchange and {@code to_hub}) or {@code both} (one broker for the hub and this node: the hub's
     * {@code files.*} queues instead of {@code to_hub}, as with {@code ./lega up}).
     */
    @WithDefault("node")
    TopologySide topologySide();
  }

  /** The topology sides the inbox may declare (the hub's alone is the hub's business). */
  enum TopologySide {
    NODE,
    BOTH
  }
}
