package io.lega.local;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A whole node and its hub on this machine: the infrastructure ({@link Backends}), the node's keys
 * and secrets in its data folder ({@link LocalKeys}, {@link Secrets}), and every service of {@link
 * Services} as a process of its own, started in order and polled until ready. {@link #close()}
 * stops the services (last started first) and then the infrastructure.
 *
 * <p>{@code ./lega up} runs it through {@link Main}; the end-to-end tests start it on
 * test-support's shared infrastructure.
 */
public final class LocalNode implements AutoCloseable {

  /** How long a service may take to become ready. */
  public static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final NodeOptions options;
  private final List<ServiceProcess> running = new ArrayList<>();
  private Services.Node node;
  private Backends backends;
  private boolean closed;

  private LocalNode(NodeOptions options) {
    this.options = options;
  }

  /** Starts everything and waits until every service is ready; on failure stops what started. */
  public static LocalNode start(NodeOptions options) throws IOException, InterruptedException {
    LocalNode local = new LocalNode(options);
    try {
      local.startAll();
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      local.close();
      throw e;
    }
    return local;
  }

  private void startAll() throws IOException, InterruptedException {
    OwnerOnly.directory(options.data());
    Files.createDirectories(options.inboxRoot());
    Files.createDirectories(options.logs());
    if (options.posixArchive()) {
      Files.createDirectories(options.archiveRoot());
    }
    Secrets secrets = Secrets.loadOrCreate(options.data().resolve("secrets.env"));
    LocalKeys keys = LocalKeys.loadOrCreate(options.keys());
    Ports ports = Ports.pick(options.hubPort(), options.sftpPort(), options.downloadPort());
    backends = Backends.start(options.backends(), options.data(), secrets.runId());
    node = new Services.Node(options, ports, keys, secrets, backends);

    List<Services.Service> services = Services.of(node);
    // the hub first: the inbox asks it about users, the workers report to it
    ServiceProcess hub = startService(services.get(0));
    Readiness.await(List.of(hub), running, READY_TIMEOUT);
    for (Services.Service service : services.subList(1, services.size())) {
      startService(service);
    }
    Readiness.await(running, running, READY_TIMEOUT);
  }

  private ServiceProcess startService(Services.Service service) throws IOException {
    ServiceProcess process = ServiceProcess.start(service, options);
    running.add(process);
    return process;
  }

  /** What was asked for. */
  public NodeOptions options() {
    return options;
  }

  /** The ports picked. */
  public Ports ports() {
    return node.ports();
  }

  /** The hub's base URL. */
  public String hubUrl() {
    return node.hubUrl();
  }

  /** The node's keys. */
  public LocalKeys keys() {
    return node.keys();
  }

  /** The generated tokens. */
  public Secrets secrets() {
    return node.secrets();
  }

  /** The infrastructure. */
  public Backends backends() {
    return backends;
  }

  /** Every service started, in start order. */
  public List<Services.Service> services() {
    return running.stream().map(ServiceProcess::service).toList();
  }

  /** Every key passphrase and API token the services were given: none may appear in a log. */
  public List<String> secretValues() {
    List<String> all = new ArrayList<>(node.keys().passphrases());
    all.add(node.secrets().adminToken());
    all.add(node.secrets().serviceToken());
    return List.copyOf(all);
  }

  /**
   * Blocks until one of the services exits, and returns its name; or returns empty once {@link
   * #close()} has begun.
   */
  public Optional<String> awaitAnyExit() throws InterruptedException {
    while (!isClosed()) {
      for (ServiceProcess p : running) {
        if (!p.process().isAlive()) {
          return isClosed() ? Optional.empty() : Optional.of(p.service().name());
        }
      }
      Thread.sleep(500);
    }
    return Optional.empty();
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /** Stops every service (last started first, then waits for all) and the infrastructure. */
  @Override
  public synchronized void close() throws InterruptedException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      for (int i = running.size() - 1; i >= 0; i--) {
        running.get(i).stop();
      }
      for (ServiceProcess p : running) {
        p.awaitStopped(20);
      }
    } finally {
      if (backends != null) {
        backends.close();
      }
    }
  }
}
