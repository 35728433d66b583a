package io.lega.platform.storage;

import static io.lega.platform.storage.S3TestSettings.withCreateBucket;
import static org.assertj.core.api.Assertions.assertThat;

import io.lega.testsupport.Backend;
import io.lega.testsupport.S3Connection;
import io.lega.testsupport.embedded.EmbeddedS3;
import io.lega.testsupport.s3.FileS3Server;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write and read throughput of one large object through {@link Storage}, side by side in one run:
 * POSIX, the file-backed S3 server of {@code ./lega up}, and s3proxy over its filesystem store (the
 * previous default). Prints the median of several rounds. Not part of the build: {@code mvn -pl
 * platform -am verify -Dtest=StorageWriteBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dstorage.bench=true [-Dstorage.bench.mib=1024] [-Dstorage.bench.rounds=3]}.
 */
@EnabledIfSystemProperty(named = "storage.bench", matches = "true")
class StorageWriteBench {
  @TempDir Path dir;

  @Test
  void writeAndReadOneLargeObject() throws Exception {
    long bytes = Long.getLong("storage.bench.mib", 1024) << 20;
    int rounds = Integer.getInteger("storage.bench.rounds", 3);
    byte[] block = new byte[1 << 20];
    new Random(1).nextBytes(block);
    Map<String, double[]> results = new LinkedHashMap<>();
    try (FileS3Server files = FileS3Server.builder(dir.resolve("file-s3")).start();
        EmbeddedS3 proxy = EmbeddedS3.builder().directory(dir.resolve("s3proxy")).start();
        Storage posix = Storages.create(PosixSettings.of(dir.resolve("posix")));
        Storage fileS3 = s3(files, "bench");
        Storage s3proxy = s3(proxy, "bench")) {
      Map<String, Storage> storages = new LinkedHashMap<>();
      storages.put("posix", posix);
      storages.put("file-s3 (./lega up)", fileS3);
      storages.put("s3proxy filesystem", s3proxy);
      for (var entry : storages.entrySet()) {
        List<Double> writes = new ArrayList<>();
        List<Double> reads = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int round = 0; round <= rounds; round++) { // round 0 warms up
          long start = System.nanoTime();
          long cpuStart = cpuNanos();
          assertThat(entry.getValue().write("object", repeating(block, bytes))).isEqualTo(bytes);
          double write = bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
          double cpuPerGib = (cpuNanos() - cpuStart) / 1e9 / (bytes / (double) (1L << 30));
          start = System.nanoTime();
          try (InputStream in = entry.getValue().read("object")) {
            assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(bytes);
          }
          double read = bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
          if (round > 0) {
            writes.add(write);
            reads.add(read);
            cpu.add(cpuPerGib);
          }
        }
        results.put(entry.getKey(), new double[] {median(writes), median(reads), median(cpu)});
      }
    }
    double posixWrite = results.get("posix")[0];
    results.forEach(
        (name, r) ->
            System.out.printf(
                "storage bench: %-22s %5d MiB: write %6.0f MB/s (%.2f× posix, %.2f CPU s/GiB),"
                    + " read %6.0f MB/s%n",
                name, bytes >> 20, r[0], r[0] / posixWrite, r[2], r[1]));
  }

  private static Storage s3(Backend<S3Connection> server, String bucket) throws IOException {
    S3Connection c = server.connection();
    return Storages.create(withCreateBucket(S3TestSettings.forServer(c, bucket), true));
  }

  private static InputStream repeating(byte[] block, long length) {
    return new InputStream() {
      private long left = length;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left == 0) {
          return -1;
        }
        int n = (int) Math.min(Math.min(len, left), block.length);
        System.arraycopy(block, 0, b, off, n);
        left -= n;
        return n;
      }
    };
  }

  /** CPU time of this whole process (client and servers alike). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }
}
