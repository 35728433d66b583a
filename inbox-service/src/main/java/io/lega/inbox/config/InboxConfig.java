package io.lega.inbox.config;

import io.lega.inbox.sftp.HostKeyAlgorithm;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** Every setting of the inbox service, under {@code lega.inbox}. */
@ConfigMapping(prefix = "lega.inbox")
public interface InboxConfig {

  /** The SFTP server. */
  Sftp sftp();

  /** The hub's user directory, where credentials come from. */
  Hub hub();

  /** The users' folders. */
  Storage storage();

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
}
