package io.lega.e2e;

import static io.lega.e2e.support.TestNode.checksum;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lega.e2e.support.ServiceLogsOnFailure;
import io.lega.e2e.support.TestNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submission path as a user meets it: a submitter registered through the hub's API uploads with
 * the OpenSSH {@code sftp} client (key and password logins) to the packaged inbox, and the hub's
 * API then shows every upload with the size and checksums computed here; rename and remove reach it
 * too. The node is the hub and the inbox alone (no workers).
 */
class SubmissionEndToEndTest {
  private static final String PASSWORD = "a long enough password";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static TestNode node;

  @RegisterExtension
  static final ServiceLogsOnFailure SERVICE_LOGS = new ServiceLogsOnFailure(() -> node);

  @BeforeAll
  static void startNode() throws Exception {
    node = TestNode.start(dir, 0, false);
  }

  @AfterAll
  static void stopNode() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void uploadsRenamesAndRemovesReachTheHub() throws Exception {
    Path key = node.registerSubmitter("alice", PASSWORD);

    Path empty = crypt4ghLike("empty.c4gh", 0);
    Path small = crypt4ghLike("small.c4gh", 4096);
    Path large = crypt4ghLike("large.c4gh", 100 << 20);
    node.sftp("alice", key, "put " + empty + "\nput " + small + "\nput " + large + "\n");
    Path byPassword = crypt4ghLike("by-password.c4gh", 12345);
    node.sftpWithPassword("alice", PASSWORD, "put " + byPassword + "\n");

    for (Path file : List.of(empty, small, large, byPassword)) {
      JsonNode submission =
          node.awaitSubmission("alice", file.getFileName().toString(), "uploaded", WAIT);
      JsonNode checksums = submission.get("encrypted_checksums");
      assertThat(submission.get("filesize").asLong()).isEqualTo(Files.size(file));
      assertThat(checksum(checksums, "sha256")).isEqualTo(digest(file, "SHA-256"));
      assertThat(checksum(checksums, "md5")).isEqualTo(digest(file, "MD5"));
    }

    node.sftp("alice", key, "rename small.c4gh renamed.c4gh\nrm empty.c4gh\n");
    JsonNode renamed = node.awaitSubmission("alice", "renamed.c4gh", "uploaded", WAIT);
    assertThat(renamed.get("filesize").asLong()).isEqualTo(4096 + 16);
    node.awaitSubmission("alice", "empty.c4gh", "removed", WAIT);
  }

  /** A file that starts like Crypt4GH (magic, version 1) followed by random bytes. */
  private static Path crypt4ghLike(String name, int size) throws IOException {
    Path file = dir.resolve(name);
    byte[] body = new byte[size];
    new Random(size).nextBytes(body);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write("crypt4gh".getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[] {1, 0, 0, 0, 1, 0, 0, 0});
      out.write(body);
    }
    return file;
  }

  private static String digest(Path file, String algorithm) throws Exception {
    MessageDigest digest = MessageDigest.getInstance(algorithm);
    try (var in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
