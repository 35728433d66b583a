package io.lega.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher of {@code ./lega up} on embedded infrastructure: every service becomes healthy, the
 * listing says where everything listens, a stop leaves no process behind, and a second start on the
 * same data folder keeps the node's keys and tokens.
 */
class LocalNodeTest {

  private static final Pattern HEALTH = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/q/health");

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  @Test
  void everyServiceIsHealthyAndARestartKeepsTheKeys() throws Exception {
    Path root = Main.findRoot(Path.of(""));
    Path data = dir.resolve("node");
    Path output = dir.resolve("launcher.out");

    // first start: as ./lega up runs it, a process of its own, stopped as Ctrl-C stops it
    Process launcher =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.lega.local.Main",
                "--root",
                root.toString(),
                "--data",
                data.toString(),
                "--hub-port",
                "0",
                "--sftp-port",
                "0")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    List<ProcessHandle> children;
    String publicKey;
    String secrets;
    try {
      awaitListing(launcher, output);
      String listing = Files.readString(output);
      publicKey = Files.readString(data.resolve("keys/submission.pub")).strip();
      secrets = Files.readString(data.resolve("secrets.env"));
      assertThat(listing)
          .contains("SFTP inbox   sftp -P ")
          .contains("hub API      http://127.0.0.1:")
          .contains(publicKey.lines().toList().get(1))
          .contains("/api/users");
      List<Integer> ports = new ArrayList<>();
      Matcher health = HEALTH.matcher(listing);
      while (health.find()) {
        ports.add(Integer.parseInt(health.group(1)));
      }
      assertThat(ports).as("hub, inbox, ingest, verify, finalize, download").hasSize(6);
      for (int port : ports) {
        assertThat(Readiness.ready(port)).as("ready on %d", port).isTrue();
      }
      children = launcher.descendants().toList();
      assertThat(children).as("the services").hasSizeGreaterThanOrEqualTo(6);
      assertThat(data.resolve("postgres/postmaster.pid")).exists();
    } finally {
      launcher.destroy();
    }
    boolean stopped = launcher.waitFor(2, TimeUnit.MINUTES);
    if (!stopped) {
      launcher.destroyForcibly();
    }
    assertThat(stopped).as("the launcher stopped: %s", Files.readString(output)).isTrue();
    for (ProcessHandle child : children) {
      child.onExit().get(30, TimeUnit.SECONDS);
      assertThat(child.isAlive()).as("%s after the stop", child.info()).isFalse();
    }
    // PostgreSQL runs detached (pg_ctl): its pid file goes when it has stopped
    assertThat(data.resolve("postgres/postmaster.pid")).doesNotExist();

    // second start: in this JVM, on the same data folder
    NodeOptions options = NodeOptions.defaults(root, data).withPorts(0, 0, 0);
    try (LocalNode node = LocalNode.start(options)) {
      assertThat(node.keys().submissionPublicKeyPem()).isEqualTo(publicKey);
      assertThat(Files.readString(data.resolve("secrets.env"))).isEqualTo(secrets);
      assertThat(node.services()).hasSize(6);
      for (Services.Service service : node.services()) {
        assertThat(Readiness.ready(service.httpPort())).as(service.name()).isTrue();
      }
    }
  }

  private static void awaitListing(Process launcher, Path output) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (Instant.now().isBefore(deadline)) {
      String text = Files.exists(output) ? Files.readString(output) : "";
      if (text.contains("the node is running")) {
        return;
      }
      assertThat(launcher.isAlive()).as("the launcher is running: %s", text).isTrue();
      Thread.sleep(500);
    }
    throw new AssertionError("no listing after 5 minutes: " + Files.readString(output));
  }
}
