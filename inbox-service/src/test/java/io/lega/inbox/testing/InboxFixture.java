package io.lega.inbox.testing;

import io.lega.inbox.auth.HubAuthenticator;
import io.lega.inbox.auth.HubUserDirectory;
import io.lega.inbox.ingestion.InMemoryIngestionGuard;
import io.lega.inbox.sftp.HostKeyAlgorithm;
import io.lega.inbox.sftp.InboxSftpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One inbox server on a random port, with a fake hub, a recording notifier and an in-memory
 * ingestion guard, all under one temporary folder.
 */
public final class InboxFixture implements AutoCloseable {

  public static final String TOKEN = "test-service-token";

  public final Path dir;
  public final Path inboxRoot;
  public final Path hostKey;
  public final Path clientDir;
  public final FakeHub hub;
  public final RecordingNotifier notifier = new RecordingNotifier();
  public final InMemoryIngestionGuard guard = new InMemoryIngestionGuard();
  private final long quotaBytes;
  private InboxSftpServer server;

  public InboxFixture(long quotaBytes) {
    try {
      this.dir = Files.createTempDirectory("inbox-test");
      this.inboxRoot = dir.resolve("users");
      this.hostKey = dir.resolve("keys/ssh_host_key");
      this.clientDir = Files.createDirectories(dir.resolve("client"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.quotaBytes = quotaBytes;
    this.hub = new FakeHub(TOKEN);
  }

  /** Starts a (new) server over the same folders and host key. */
  public InboxFixture start() {
    HubUserDirectory directory =
        new HubUserDirectory(
            hub.url(),
            TOKEN,
            Duration.ofSeconds(60),
            Duration.ofMinutes(15),
            Duration.ofSeconds(5),
            Clock.systemUTC());
    HubAuthenticator authenticator = new HubAuthenticator(directory, Set.of("submitter"));
    server =
        new InboxSftpServer(
            new InboxSftpServer.Settings(
                "127.0.0.1",
                0,
                hostKey,
                HostKeyAlgorithm.ED25519,
                inboxRoot,
                quotaBytes,
                Duration.ofMinutes(5),
                3),
            authenticator,
            authenticator,
            notifier,
            guard);
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server = null;
  }

  public InboxSftpServer server() {
    return server;
  }

  public SftpClient sftp() {
    return new SftpClient(clientDir, server.port());
  }

  /** A submitter with a new ed25519 key (and a password, if not null); returns the private key. */
  public Path submitter(String user, String password) {
    Path key = Commands.sshKeygen(clientDir, user + "_key");
    hub.putUser(user, true, password, List.of(Commands.publicKeyLine(key)), List.of("submitter"));
    return key;
  }

  /** The user's inbox folder on disk. */
  public Path home(String user) {
    return inboxRoot.resolve(user);
  }

  @Override
  public void close() {
    stop();
    hub.close();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
