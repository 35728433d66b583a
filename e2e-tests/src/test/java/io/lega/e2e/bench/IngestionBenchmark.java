package io.lega.e2e.bench;

import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import io.lega.e2e.support.TestNode;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Times ingestion on a whole local node (packaged services as processes, one of each worker):
 * trigger to ready for one large file, then files per second for many small ones. Prints figures;
 * asserts nothing. Run by {@code ./lega bench ingestion [MiB] [count] [KiB]}.
 */
public final class IngestionBenchmark {

  private IngestionBenchmark() {}

  public static void main(String[] args) {
    int status = 0;
    try {
      run(args);
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    }
    // the embedded infrastructure's threads would keep the JVM alive
    System.exit(status);
  }

  private static void run(String[] args) throws Exception {
    long bigMiB = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int smallKiB = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    boolean backup = Boolean.parseBoolean(System.getProperty("bench.backup", "false"));
    Path dir = Files.createTempDirectory("lega-bench-");
    System.out.printf(
        "JDK %s, %d cores; node with one ingest, verify and finalize; archive %s; backup %s;"
            + " prefetch %s%n",
        Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        TestNode.posixArchive()
            ? "POSIX"
            : "S3 (test-support's FileS3Server in the benchmark's JVM)",
        backup ? "on" : "off",
        System.getProperty("lega.e2e.prefetch", "default"));
    try (TestNode node = TestNode.start(dir, 1, backup)) {
      Path key = node.registerSubmitter("bench");
      // the services' JIT compilers warm up on the measured workload first, as JMH's warm-up
      // iterations do: with a short warm-up the compiler threads still take much of the two
      // cores while the small files are timed (seen in flight recordings)
      int warmup = Integer.getInteger("bench.warmup", count);
      if (warmup > 0) {
        long began = System.nanoTime();
        smallFiles(node, key, dir, "warmup", warmup, smallKiB);
        System.out.printf(
            "warm-up: %d files of %d KiB in %.1f s (not counted)%n",
            warmup, smallKiB, (System.nanoTime() - began) / 1e9);
      }

      Path big = dir.resolve("big.c4gh");
      encrypt(big, bigMiB << 20, node);
      node.sftp("bench", key, "put " + big + "\n");
      String bigId =
          node.awaitSubmission("bench", "big.c4gh", "uploaded", Duration.ofMinutes(5))
              .get("id")
              .asText();
      long start = System.nanoTime();
      node.trigger(bigId);
      awaitReady(node, List.of(bigId));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "one %d MiB file: trigger to ready in %.2f s = %.0f MB/s (%.0f MiB/s)%n",
          bigMiB, seconds, (bigMiB << 20) / seconds / 1e6, bigMiB / seconds);
      printSteps(node, bigId);

      int rounds = Integer.getInteger("bench.rounds", 2);
      for (int round = 1; round <= rounds; round++) {
        double smallSeconds = smallFiles(node, key, dir, "small" + round, count, smallKiB);
        System.out.printf(
            "round %d: %d files of %d KiB: first trigger to all ready in %.2f s = %.1f files/s%n",
            round, count, smallKiB, smallSeconds, count / smallSeconds);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Uploads {@code count} files into folder {@code name}, triggers all; seconds to all ready. */
  private static double smallFiles(
      TestNode node, Path key, Path dir, String name, int count, int kib) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    StringBuilder batch = new StringBuilder("mkdir " + name + "\n");
    for (int i = 0; i < count; i++) {
      Path file = folder.resolve("s" + i + ".c4gh");
      encrypt(file, (long) kib << 10, node);
      batch.append("put ").append(file).append(' ').append(name).append("/s").append(i);
      batch.append(".c4gh\n");
    }
    node.sftp("bench", key, batch.toString());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(
          node.awaitSubmission(
                  "bench", name + "/s" + i + ".c4gh", "uploaded", Duration.ofMinutes(2))
              .get("id")
              .asText());
    }
    Map<String, Duration> cpuBefore = cpuByProcess();
    java.time.Instant began = java.time.Instant.now();
    long start = System.nanoTime();
    // an operator's client (or ingest on upload) triggers concurrently: 8 calls at a time
    java.util.concurrent.ExecutorService callers =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<?>> calls = new ArrayList<>();
      for (String id : ids) {
        calls.add(
            callers.submit(
                () -> {
                  node.trigger(id);
                  return null;
                }));
      }
      for (java.util.concurrent.Future<?> call : calls) {
        call.get();
      }
    } finally {
      callers.shutdownNow();
    }
    awaitReady(node, ids);
    double seconds = (System.nanoTime() - start) / 1e9;
    // the window, to pick a flight recording's samples of this round
    System.out.printf("  %s: from %s to %s%n", name, began, java.time.Instant.now());
    printCpuPerFile(cpuBefore, cpuByProcess(), count);
    return seconds;
  }

  /**
   * CPU time so far of this JVM (the embedded broker and S3) and of each process it started, keyed
   * by what runs there: a service's name, {@code postgres} (every PostgreSQL process on the
   * machine), or {@code other}.
   */
  private static Map<String, Duration> cpuByProcess() {
    Map<String, Duration> cpu = new TreeMap<>();
    ProcessHandle.current().info().totalCpuDuration().ifPresent(d -> cpu.put("benchmark", d));
    // the embedded PostgreSQL daemonizes: its processes are not this JVM's descendants
    Stream.concat(
            ProcessHandle.current().descendants(),
            ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/postgres")))
        .distinct()
        .forEach(
            process -> {
              String command = process.info().commandLine().orElse("");
              Matcher service = SERVICE.matcher(command);
              String name =
                  service.find()
                      ? service.group(1)
                      : command.contains("postgres") ? "postgres" : "other";
              process.info().totalCpuDuration().ifPresent(d -> cpu.merge(name, d, Duration::plus));
            });
    return cpu;
  }

  private static final Pattern SERVICE = Pattern.compile("([a-z]+-service)");

  /** CPU milliseconds per file each process spent between two snapshots. */
  private static void printCpuPerFile(
      Map<String, Duration> before, Map<String, Duration> after, int files) {
    StringBuilder line = new StringBuilder("  CPU ms per file:");
    long total = 0;
    for (Map.Entry<String, Duration> entry : after.entrySet()) {
      long ms =
          entry.getValue().minus(before.getOrDefault(entry.getKey(), Duration.ZERO)).toMillis();
      total += ms;
      line.append(String.format(" %s %.1f,", entry.getKey(), (double) ms / files));
    }
    line.append(String.format(" total %.1f", (double) total / files));
    System.out.println(line);
  }

  /** How long each step took, from the node's event log. */
  private static void printSteps(TestNode node, String id) throws Exception {
    try (Connection c = node.nodeDatabase();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT event, created_at FROM file_events WHERE file_id = ? ORDER BY id")) {
      s.setObject(1, UUID.fromString(id));
      StringBuilder line = new StringBuilder("  steps:");
      java.time.Instant previous = null;
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          java.time.Instant at = r.getTimestamp(2).toInstant();
          if (previous != null) {
            line.append(
                String.format(
                    " -> %s +%.2f s",
                    r.getString(1), Duration.between(previous, at).toMillis() / 1e3));
          } else {
            line.append(' ').append(r.getString(1));
          }
          previous = at;
        }
      }
      System.out.println(line);
    }
  }

  private static void encrypt(Path file, long size, TestNode node) throws Exception {
    SplittableRandom random = new SplittableRandom(size);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        Crypt4ghOutputStream c4gh =
            Crypt4ghOutputStream.create(
                out, List.of(node.submissionKey().publicKey()), Optional.empty())) {
      for (long left = size; left > 0; ) {
        random.nextBytes(chunk);
        int n = (int) Math.min(left, chunk.length);
        c4gh.write(chunk, 0, n);
        left -= n;
      }
    }
  }

  private static void awaitReady(TestNode node, List<String> ids) throws Exception {
    UUID[] uuids = ids.stream().map(UUID::fromString).toArray(UUID[]::new);
    long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
    try (Connection c = node.nodeDatabase();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*) FILTER (WHERE state = 'ready'), count(*) FILTER (WHERE state = 'error')"
                    + " FROM files WHERE id = ANY(?)")) {
      Array array = c.createArrayOf("uuid", uuids);
      s.setArray(1, array);
      while (true) {
        try (ResultSet r = s.executeQuery()) {
          r.next();
          if (r.getInt(2) > 0) {
            throw new IllegalStateException(r.getInt(2) + " files failed: see the node's logs");
          }
          if (r.getInt(1) == uuids.length) {
            return;
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not ready in 30 minutes");
        }
        Thread.sleep(20);
      }
    }
  }
}
