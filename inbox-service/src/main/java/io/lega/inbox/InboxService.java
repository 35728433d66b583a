package io.lega.inbox;

import io.lega.inbox.auth.HubAuthenticator;
import io.lega.inbox.auth.HubUserDirectory;
import io.lega.inbox.auth.UserDirectory;
import io.lega.inbox.config.InboxConfig;
import io.lega.inbox.ingestion.IngestionGuard;
import io.lega.inbox.notify.InboxNotifier;
import io.lega.inbox.sftp.InboxSftpServer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Starts the SFTP inbox with the application and stops it at shutdown. */
@ApplicationScoped
public class InboxService {

  private static final Logger LOG = Logger.getLogger(InboxService.class);

  private final InboxConfig config;
  private final InboxNotifier notifier;
  private final IngestionGuard guard;
  private volatile InboxSftpServer server;

  public InboxService(InboxConfig config, InboxNotifier notifier, IngestionGuard guard) {
    this.config = config;
    this.notifier = notifier;
    this.guard = guard;
  }

  void onStart(@Observes StartupEvent event) {
    InboxConfig.Sftp sftp = config.sftp();
    InboxConfig.Hub hub = config.hub();
    UserDirectory directory;
    if (hub.url().isPresent()) {
      directory =
          new HubUserDirectory(
              hub.url().get(),
              hub.token().orElse(null),
              hub.cacheTtl(),
              hub.staleTtl(),
              hub.timeout(),
              Clock.systemUTC());
    } else {
      LOG.error("lega.inbox.hub.url is not set: every login will be refused");
      directory = username -> Optional.empty();
    }
    HubAuthenticator authenticator = new HubAuthenticator(directory, hub.allowedRoles());
    InboxSftpServer started =
        new InboxSftpServer(
            new InboxSftpServer.Settings(
                sftp.host(),
                sftp.port(),
                sftp.hostKeyPath(),
                sftp.hostKeyAlgorithm(),
                config.storage().root(),
                config.storage().quotaBytes(),
                sftp.idleTimeout(),
                sftp.maxAuthAttempts()),
            authenticator,
            authenticator,
            notifier,
            guard);
    try {
      started.start();
    } catch (IOException e) {
      throw new UncheckedIOException("the SFTP inbox could not start", e);
    }
    server = started;
  }

  void onStop(@Observes ShutdownEvent event) {
    InboxSftpServer running = server;
    server = null;
    if (running != null) {
      try {
        running.close();
      } catch (IOException e) {
        LOG.warn("the SFTP inbox did not stop cleanly", e);
      }
    }
  }

  /** The running server, if started. */
  public Optional<InboxSftpServer> server() {
    return Optional.ofNullable(server);
  }
}
