package io.lega.finalize.testing;

import io.lega.testsupport.S3Buckets;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The storages of a finalize {@code @QuarkusTest}: archive and backup as two fresh buckets of the
 * JVM's shared s3proxy (test-support's {@code S3Resource} names its keys {@code lega.storage.*},
 * this service reads {@code lega.archive.*} and {@code lega.backup.*}), and the inbox as a fresh
 * temporary folder (POSIX), deleted at stop.
 *
 * <p>Init argument {@code backup} = {@code s3} (default) or {@code posix} (a second temporary
 * folder).
 */
public class FinalizeEnvironment implements QuarkusTestResourceLifecycleManager {

  private Path dir;
  private String backupType = "s3";

  @Override
  public void init(Map<String, String> initArgs) {
    backupType = initArgs.getOrDefault("backup", "s3");
  }

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("finalize-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> config = new LinkedHashMap<>();
    config.putAll(S3Buckets.freshBucketConfig("lega.archive"));
    if (backupType.equals("posix")) {
      config.put("lega.backup.type", "posix");
      config.put("lega.backup.posix.root", dir.resolve("backup").toString());
    } else {
      config.putAll(S3Buckets.freshBucketConfig("lega.backup"));
    }
    config.put("lega.inbox-storage.type", "posix");
    config.put("lega.inbox-storage.posix.root", dir.resolve("inbox").toString());
    return config;
  }

  @Override
  public void stop() {
    if (dir != null) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
