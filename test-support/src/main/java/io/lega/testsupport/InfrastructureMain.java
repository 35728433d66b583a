package io.lega.testsupport;

import io.lega.testsupport.embedded.EmbeddedAmqpBroker;
import io.lega.testsupport.embedded.EmbeddedPostgres;
import io.lega.testsupport.s3.FileS3Server;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded backends of a node until the process is stopped, and prints the configuration
 * that services need ({@code key=value} lines, the keys of {@link ConfigKeys}).
 *
 * <pre>
 * java -cp ... io.lega.testsupport.InfrastructureMain [--data DIR] [--out FILE] [--bucket NAME]
 *     [--database NAME]...
 * </pre>
 *
 * <p>{@code --data DIR} keeps PostgreSQL's data in {@code DIR/postgres} and the S3 objects in
 * {@code DIR/s3} across restarts (otherwise all is temporary); the broker keeps messages in memory
 * only. {@code --out FILE} also writes the configuration to FILE (as a properties file) once
 * everything is up. The mode switch {@code LEGA_TEST_INFRA} is not read here: this is always
 * embedded. {@code --database NAME} also creates that database (kept if it exists), for a hub
 * beside the node.
 */
public final class InfrastructureMain {

  private InfrastructureMain() {}

  /** Starts everything, prints the configuration, waits to be stopped. */
  public static void main(String[] args) throws Exception {
    Path data = null;
    Path out = null;
    String bucket = "lega";
    List<String> databases = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--data" -> data = Path.of(value(args, ++i, "--data"));
        case "--out" -> out = Path.of(value(args, ++i, "--out"));
        case "--bucket" -> bucket = value(args, ++i, "--bucket");
        case "--database" -> databases.add(value(args, ++i, "--database"));
        default -> {
          System.err.println(
              "usage: InfrastructureMain [--data DIR] [--out FILE] [--bucket NAME] [--database NAME]...");
          System.exit(2);
        }
      }
    }

    List<AutoCloseable> started = new ArrayList<>();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (int i = started.size() - 1; i >= 0; i--) {
                    try {
                      started.get(i).close();
                    } catch (Exception e) {
                      System.err.println("while stopping: " + e);
                    }
                  }
                },
                "lega-infrastructure-stop"));

    var pgBuilder = EmbeddedPostgres.builder();
    if (data != null) {
      pgBuilder.dataDirectory(data.resolve("postgres"));
    }
    EmbeddedPostgres pg = pgBuilder.start();
    started.add(pg);
    for (String database : databases) {
      pg.createDatabase(database);
    }
    EmbeddedAmqpBroker broker = EmbeddedAmqpBroker.start();
    started.add(broker);
    FileS3Server s3 =
        data == null
            ? FileS3Server.startTemporary()
            : FileS3Server.builder(data.resolve("s3")).start();
    started.add(s3);
    S3Buckets.create(s3.connection(), bucket);

    Map<String, String> config = new LinkedHashMap<>();
    config.putAll(ConfigKeys.postgres(pg.connection()));
    config.putAll(ConfigKeys.broker(broker.connection()));
    config.putAll(ConfigKeys.s3(s3.connection(), bucket));
    StringBuilder text = new StringBuilder();
    config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    System.out.print(text);
    System.out.flush();
    if (out != null) {
      write(out, text.toString());
    }
    new CountDownLatch(1).await();
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  private static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".infra", ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
