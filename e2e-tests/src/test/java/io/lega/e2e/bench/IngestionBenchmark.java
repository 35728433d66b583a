package io.lega.e2e.bench;

import io.lega.crypt4gh.stream.Crypt4ghOutputStream;
import io.lega.e2e.support.LocalNode;
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
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Times ingestion on a whole local node (packaged services as processes, one of each worker):
 * trigger to ready for one large file, then files per second for many small ones. Prints figures;
 * asserts nothing. Run by {@code ./lega bench ingestion [MiB] [count] [KiB]}.
 */
public final class IngestionBenchmark {

  private IngestionBenchmark() {}

  public static void main(String[] args) throws Exception {
    long bigMiB = args.length > 0 ? Long.parseLong(args[0]) : 1024;
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    int smallKiB = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    boolean backup = Boolean.parseBoolean(System.getProperty("bench.backup", "false"));
    Path dir = Files.createTempDirectory("lega-bench-");
    System.out.printf(
        "JDK %s, %d cores; node with one ingest, verify and finalize; backup %s%n",
        Runtime.version(), Runtime.getRuntime().availableProcessors(), backup ? "on" : "off");
    try (LocalNode node = LocalNode.start(dir, 1, backup)) {
      Path key = node.registerSubmitter("bench");

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

      Path smallDir = Files.createDirectories(dir.resolve("small"));
      StringBuilder batch = new StringBuilder("mkdir small\n");
      for (int i = 0; i < count; i++) {
        Path file = smallDir.resolve("s" + i + ".c4gh");
        encrypt(file, smallKiB << 10, node);
        batch.append("put ").append(file).append(" small/s").append(i).append(".c4gh\n");
      }
      node.sftp("bench", key, batch.toString());
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        ids.add(
            node.awaitSubmission(
                    "bench", "small/s" + i + ".c4gh", "uploaded", Duration.ofMinutes(2))
                .get("id")
                .asText());
      }
      start = System.nanoTime();
      for (String id : ids) {
        node.trigger(id);
      }
      awaitReady(node, ids);
      seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "%d files of %d KiB: first trigger to all ready in %.2f s = %.1f files/s%n",
          count, smallKiB, seconds, count / seconds);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static void encrypt(Path file, long size, LocalNode node) throws Exception {
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

  private static void awaitReady(LocalNode node, List<String> ids) throws Exception {
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
