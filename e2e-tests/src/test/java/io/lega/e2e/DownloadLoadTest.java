package io.lega.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.stream.Crypt4ghInputStream;
import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import io.lega.e2e.support.ServiceLogsOnFailure;
import io.lega.e2e.support.TestNode;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: {@code lega.e2e.load.clients} (20) concurrent downloads of one {@code
 * lega.e2e.load.size-mib} (256) MiB file while other files are being ingested. Every download is
 * decrypted as it streams and must equal the original, with every service's heap capped at {@value
 * #HEAP_CAP_MIB} MiB ({@code -Xmx}): far below the bytes in flight, so a service that buffered a
 * download would fail; the download service's heap, sampled from its metrics, is printed. Opt-in,
 * like the benchmarks: {@code mvn -pl e2e-tests -am verify -Dtest=DownloadLoadTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dlega.e2e.load=true}.
 */
@EnabledIfSystemProperty(named = "lega.e2e.load", matches = "true")
class DownloadLoadTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration WAIT = Duration.ofMinutes(5);
  private static final int HEAP_CAP_MIB = 384;
  private static final Pattern HEAP =
      Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\} ([0-9.eE+]+)$");

  @TempDir static Path dir;
  private static TestNode node;

  @RegisterExtension
  static final ServiceLogsOnFailure SERVICE_LOGS = new ServiceLogsOnFailure(() -> node);

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("lega.e2e.jvm-options", "-Xmx" + HEAP_CAP_MIB + "m");
    node = TestNode.start(dir, 1, false);
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty("lega.e2e.jvm-options");
    if (node != null) {
      node.close();
    }
  }

  @Test
  void concurrentDownloadsWhileIngestingAreByteExactInBoundedMemory() throws Exception {
    int clients = Integer.getInteger("lega.e2e.load.clients", 20);
    long size = Long.getLong("lega.e2e.load.size-mib", 256) << 20;
    Path key = node.registerSubmitter("alice");
    Path big = dir.resolve("big.c4gh");
    String expected = writeEncrypted(big, size, 11);
    node.sftp("alice", key, "put " + big + " big.c4gh\n");
    String id = node.awaitSubmission("alice", "big.c4gh", "uploaded", WAIT).get("id").asText();
    node.trigger(id);
    String accession =
        node.awaitSubmission("alice", "big.c4gh", "archived", WAIT).get("accession_id").asText();
    String passport = grantedPassport(accession);
    Crypt4ghPrivateKey researcher = Crypt4ghPrivateKey.generate();
    await().atMost(WAIT).until(() -> status(passport, "/files/" + accession, researcher) == 200);

    List<String> others = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Path small = dir.resolve("small-" + i + ".c4gh");
      writeEncrypted(small, 3 << 20, 100 + i);
      others.add(small.getFileName().toString());
      node.sftp("alice", key, "put " + small + " " + small.getFileName() + "\n");
    }
    AtomicLong maxHeap = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler = new Thread(() -> sampleHeap(maxHeap, running), "heap-sampler");
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long started = System.nanoTime();
    try {
      sampler.start();
      List<Future<String>> downloads = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        downloads.add(pool.submit(() -> downloadSha256(passport, accession, researcher)));
      }
      for (String name : others) {
        JsonNode uploaded = node.awaitSubmission("alice", name, "uploaded", WAIT);
        node.trigger(uploaded.get("id").asText());
      }
      for (Future<String> download : downloads) {
        assertThat(download.get()).as("a decrypted download").isEqualTo(expected);
      }
    } finally {
      running.set(false);
      pool.shutdownNow();
      sampler.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    for (String name : others) {
      node.awaitSubmission("alice", name, "archived", WAIT);
    }
    System.out.printf(
        "LOAD %d downloads of %d MiB while ingesting %d files: %.1f s, %.0f MB/s in all,"
            + " download-service heap at most %d MiB%n",
        clients,
        size >> 20,
        others.size(),
        seconds,
        clients * size / seconds / 1e6,
        maxHeap.get() >> 20);
    assertThat(maxHeap.get()).as("heap sampled").isPositive();
    assertThat(maxHeap.get())
        .as("the service's heap, capped far below the %d MiB in flight", clients * size >> 20)
        .isLessThanOrEqualTo((long) HEAP_CAP_MIB << 20);
  }

  private static String grantedPassport(String accession) throws Exception {
    for (String[] user : new String[][] {{"dacm", "dac"}, {"bob", "researcher"}}) {
      node.adminJson(
          "POST",
          "/api/users",
          "{\"username\":\""
              + user[0]
              + "\",\"email\":\""
              + user[0]
              + "@example.org\",\"roles\":[\""
              + user[1]
              + "\"],\"password\":\"pw-"
              + user[0]
              + "-load-123456\"}",
          201);
    }
    String dac =
        node.adminJson("POST", "/api/dacs", "{\"title\":\"Load DAC\",\"members\":[\"dacm\"]}", 201)
            .get("dac_id")
            .asText();
    String dataset =
        node.adminJson(
                "POST",
                "/api/datasets",
                "{\"accession_ids\":[\"" + accession + "\"],\"dac_id\":\"" + dac + "\"}",
                201)
            .get("dataset_id")
            .asText();
    node.adminJson("POST", "/api/datasets/" + dataset + "/release", null, 200);
    String request =
        hub(
                "bob",
                "/api/access-requests",
                "{\"dataset_id\":\"" + dataset + "\",\"justification\":\"load\"}")
            .get("id")
            .asText();
    hub("dacm", "/api/access-requests/" + request + "/approve", null);
    return hub("bob", "/api/passport", null).get("access_token").asText();
  }

  private static JsonNode hub(String user, String path, String body) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (user + ":pw-" + user + "-load-123456").getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(node.hubUrl() + path))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/json")
                .POST(
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s: %s", path, response.body()).isBetween(200, 201);
    return JSON.readTree(response.body());
  }

  private static HttpRequest.Builder fileRequest(
      String passport, String path, Crypt4ghPrivateKey researcher) {
    return HttpRequest.newBuilder(URI.create(node.downloadUrl() + path))
        .header("Authorization", "Bearer " + passport)
        .header(
            "X-C4GH-Public-Key",
            Base64.getEncoder()
                .encodeToString(
                    KeyFiles.publicKeyPem(researcher.publicKey())
                        .getBytes(StandardCharsets.US_ASCII)));
  }

  private static int status(String passport, String path, Crypt4ghPrivateKey researcher)
      throws Exception {
    return HTTP.send(
            fileRequest(passport, path, researcher)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static String downloadSha256(
      String passport, String accession, Crypt4ghPrivateKey researcher) throws Exception {
    HttpResponse<InputStream> response =
        HTTP.send(
            fileRequest(passport, "/files/" + accession, researcher).GET().build(),
            HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Crypt4ghInputStream.open(response.body(), researcher)) {
      byte[] buffer = new byte[1 << 16];
      int n;
      while ((n = in.read(buffer)) > 0) {
        sha.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void sampleHeap(AtomicLong max, AtomicBoolean running) {
    while (running.get()) {
      try {
        String metrics =
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(node.downloadUrl() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body();
        long heap = 0;
        Matcher m = HEAP.matcher(metrics);
        while (m.find()) {
          heap += (long) Double.parseDouble(m.group(1));
        }
        max.accumulateAndGet(heap, Math::max);
        Thread.sleep(200);
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        // a missed sample
      }
    }
  }

  /** A Crypt4GH file for the node's submission key of {@code size} seeded random bytes. */
  private static String writeEncrypted(Path file, long size, long seed) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Random random = new Random(seed);
    byte[] block = new byte[1 << 20];
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        Crypt4ghOutputStream c4gh =
            Crypt4ghOutputStream.create(
                out, List.of(node.submissionKey().publicKey()), Optional.empty())) {
      for (long done = 0; done < size; done += block.length) {
        random.nextBytes(block);
        int n = (int) Math.min(block.length, size - done);
        c4gh.write(block, 0, n);
        sha.update(block, 0, n);
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
