package io.lega.local;

import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./lega up}: a whole node and its hub in the foreground until Ctrl-C, which stops every
 * process (a shutdown hook). State is kept in the data folder, so a second start on it finds the
 * same keys, tokens, databases and objects.
 *
 * <pre>
 * java -cp ... io.lega.local.Main [--data DIR] [--root DIR] [--hub-port N] [--sftp-port N] [--download-port N]
 *     [--infra embedded|real] [--workers N] [--no-backup] [--posix-archive]
 * </pre>
 */
public final class Main {

  private static final String USAGE =
      """
      usage: Main [options]
        --data DIR            the node's data folder (default .lega/run): keys, secrets, databases, logs
        --root DIR            the project's root, where the packaged services are (default: found
                              from the working folder upwards)
        --hub-port N          the hub's HTTP port (default 8080; 0 picks a free one)
        --sftp-port N         the inbox's SFTP port (default 2222; 0 picks a free one)
        --download-port N     the download API's port (default 8085; 0 picks a free one)
        --infra KIND          embedded (default: PostgreSQL, AMQP broker and S3 started here) or real
                              (the machine's PostgreSQL and RabbitMQ, as LEGA_TEST_INFRA=real finds them)
        --workers N           instances of each of ingest, verify and finalize (default 1)
        --no-backup           finalize does not back files up
        --posix-archive       the archive is a folder of the data folder instead of an S3 bucket
      """;

  /** The terminal: the launcher's own messages and the listing (the rest goes to a log). */
  private static final PrintStream CONSOLE = System.err;

  private Main() {}

  /** Starts the node, prints where everything listens, waits for Ctrl-C or a service's exit. */
  public static void main(String[] args) throws Exception {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.print(USAGE);
      return;
    }
    NodeOptions options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("lega up: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    say("starting the node in " + options.data() + " (logs: " + options.logs() + ")");
    // the embedded infrastructure logs through this JVM's console: to a file, as the services do
    Files.createDirectories(options.logs());
    PrintStream log =
        new PrintStream(
            new FileOutputStream(options.logs().resolve("infrastructure.log").toFile()), true);
    System.setOut(log);
    System.setErr(log);
    LocalNode[] started = new LocalNode[1];
    Thread stopper =
        new Thread(
            () -> {
              LocalNode node;
              synchronized (started) {
                node = started[0];
              }
              if (node != null) {
                say("stopping...");
                try {
                  node.close();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            "lega-up-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    LocalNode node;
    try {
      node = LocalNode.start(options);
    } catch (Exception e) {
      say("the node did not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    synchronized (started) {
      started[0] = node;
    }
    printListing(node, CONSOLE);
    Optional<String> stopped = node.awaitAnyExit();
    if (stopped.isPresent()) {
      say(stopped.get() + " stopped: see " + options.logs());
      System.exit(1);
    }
  }

  static NodeOptions parse(String[] args) {
    Path data = null;
    Path root = null;
    int hubPort = 8080;
    int sftpPort = 2222;
    int downloadPort = 8085;
    Backends.Kind infra = Backends.Kind.EMBEDDED;
    int workers = 1;
    boolean backup = true;
    boolean posix = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(value(args, ++i));
        case "--root" -> root = Path.of(value(args, ++i));
        case "--hub-port" -> hubPort = number(args, ++i);
        case "--sftp-port" -> sftpPort = number(args, ++i);
        case "--download-port" -> downloadPort = number(args, ++i);
        case "--infra" -> infra = infra(value(args, ++i));
        case "--workers" -> workers = number(args, ++i);
        case "--no-backup" -> backup = false;
        case "--posix-archive" -> posix = true;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (root == null) {
      root = findRoot(Path.of("").toAbsolutePath());
    }
    if (data == null) {
      data = root.resolve(".lega/run");
    }
    return NodeOptions.defaults(root, data)
        .withBackends(infra)
        .withPorts(hubPort, sftpPort, downloadPort)
        .withWorkers(workers, backup)
        .withPosixArchive(posix);
  }

  /** The nearest folder, from {@code start} up, holding the project (its pom and hub-service). */
  public static Path findRoot(Path start) {
    for (Path dir = start.toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("hub-service"))) {
        return dir;
      }
    }
    throw new IllegalArgumentException("no project folder above " + start + ": give --root");
  }

  private static Backends.Kind infra(String value) {
    return switch (value) {
      case "embedded" -> Backends.Kind.EMBEDDED;
      case "real" -> Backends.Kind.REAL;
      default -> throw new IllegalArgumentException("--infra is embedded or real, not " + value);
    };
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static int number(String[] args, int i) {
    String value = value(args, i);
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(args[i - 1] + " needs a number, not " + value);
    }
  }

  /** Where everything listens, the node's public key, and how to make a first user. */
  static void printListing(LocalNode node, PrintStream out) {
    NodeOptions o = node.options();
    String hub = node.hubUrl();
    int sftp = node.ports().sftp();
    Path secrets = node.secrets().file();
    Path pub = node.keys().publicKey(LocalKeys.SUBMISSION);
    StringBuilder s = new StringBuilder();
    s.append("\nlega up: the node is running. Ctrl-C stops it; state is kept in ")
        .append(o.data())
        .append('\n');
    s.append("  hub API      ").append(hub).append("/api   (admin token: ");
    s.append(Secrets.ADMIN_TOKEN).append(" in ").append(secrets).append(")\n");
    s.append("  SFTP inbox   sftp -P ").append(sftp).append(" <user>@127.0.0.1\n");
    if (o.workers() > 0) {
      s.append("  download API http://127.0.0.1:")
          .append(node.ports().download())
          .append("   (researchers: Authorization: Bearer <Passport from ")
          .append(hub)
          .append("/api/passport>)\n");
    }
    for (Services.Service service : node.services()) {
      s.append(
          String.format(
              "  %-16s http://127.0.0.1:%d/q/health%n", service.name(), service.httpPort()));
    }
    s.append("  logs         ").append(o.logs()).append("/\n");
    s.append("  submission public key (submitters encrypt for it), ").append(pub).append(":\n");
    s.append(node.keys().submissionPublicKeyPem().indent(4));
    s.append("\n  Register a first submitter, then upload:\n");
    s.append("    . ").append(secrets).append('\n');
    s.append("    curl -s -H \"Authorization: Bearer $LEGA_HUB_ADMIN_TOKEN\"")
        .append(" -H 'Content-Type: application/json' \\\n");
    s.append("      -d '{\"username\":\"alice\",\"email\":\"alice@example.org\",")
        .append(
            "\"roles\":[\"submitter\"],\"ssh_public_keys\":[\"'\"$(cat ~/.ssh/id_ed25519.pub)\"'\"]}' \\\n");
    s.append("      ").append(hub).append("/api/users\n");
    s.append("    ./lega crypt4gh encrypt --recipient_pk ").append(pub);
    s.append(" < sample.bam > sample.bam.c4gh\n");
    s.append("    echo 'put sample.bam.c4gh' | sftp -P ").append(sftp).append(" alice@127.0.0.1\n");
    s.append("  Then ingest it, and put it in a released dataset:\n");
    String auth = "curl -s -H \"Authorization: Bearer $LEGA_HUB_ADMIN_TOKEN\" ";
    s.append("    ").append(auth).append(hub).append("/api/users/alice/submissions\n");
    s.append("    curl -s -X POST -H \"Authorization: Bearer $LEGA_HUB_ADMIN_TOKEN\" ")
        .append(hub)
        .append("/api/submissions/<id>/ingest\n");
    s.append("    ").append(auth).append("-H 'Content-Type: application/json' \\\n");
    s.append("      -d '{\"accession_ids\":[\"<EGAF...>\"]}' ")
        .append(hub)
        .append("/api/datasets\n");
    s.append("    curl -s -X POST -H \"Authorization: Bearer $LEGA_HUB_ADMIN_TOKEN\" ")
        .append(hub)
        .append("/api/datasets/<EGAD...>/release\n");
    out.print(s);
    out.flush();
  }

  private static void say(String message) {
    CONSOLE.println("lega up: " + message);
    CONSOLE.flush();
  }
}
