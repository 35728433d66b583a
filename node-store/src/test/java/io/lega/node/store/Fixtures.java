package io.lega.node.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Test data of its own for each test: the database is shared by every test class of the JVM, so
 * names and ids are random.
 */
final class Fixtures {

  static final String INBOX = "inbox-service";
  static final String SHA256_A = "82e4e60e7beb3db2e06a00a079788f7d71f75b61a4b75f28c4c942703dabb6d6";
  static final String SHA256_B = "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb";
  static final String MD5_A = "0cc175b9c0f1b6a831c399e269772661";
  static final String MD5_B = "92eb5ffee6ae2fec3ad71c777531578f";

  private Fixtures() {}

  /** A user name no other test uses. */
  static String user() {
    return "user_" + UUID.randomUUID().toString().substring(0, 12);
  }

  /** A new file of {@code user} at {@code path}, 1 KiB, modified a minute ago. */
  static NewFile newFile(String user, String path) {
    return new NewFile(
        UUID.randomUUID(),
        user,
        path,
        1024L,
        Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MICROS));
  }

  /** A new file of a new user. */
  static NewFile newFile() {
    return newFile(user(), "data/sample.bam.c4gh");
  }

  /** An accession id no other test uses. */
  static String accessionId() {
    return "EGAF" + digits();
  }

  /** A dataset stable id no other test uses. */
  static String datasetId() {
    return "EGAD" + digits();
  }

  /** A SHA-256 hex string no other test uses. */
  static String sha256() {
    return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
  }

  private static String digits() {
    return String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L));
  }
}
