package io.lega.inbox.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.inbox.testing.Commands;
import io.lega.inbox.testing.InboxFixture;
import io.lega.inbox.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quota and host key persistence, each on a server of its own. */
class InboxLimitsTest {

  @BeforeEach
  void needsOpenSsh() {
    Commands.require("sftp");
  }

  @Test
  void quotaIsEnforcedAtOpenAndWhileWriting() {
    try (InboxFixture inbox = new InboxFixture(64 * 1024).start()) {
      Path key = inbox.submitter("erin", null);
      Path small = TestFiles.crypt4ghLooking(inbox.clientDir, "small.c4gh", 10 * 1024, 1);
      Path big = TestFiles.crypt4ghLooking(inbox.clientDir, "big.c4gh", 100 * 1024, 2);

      var first = inbox.sftp().withKey(key, "erin", "put " + small + " one.c4gh");
      var over = inbox.sftp().withKey(key, "erin", "put " + big + " big.c4gh");

      assertThat(first.ok()).as(first.toString()).isTrue();
      assertThat(over.ok()).as(over.toString()).isFalse();
      assertThat(inbox.notifier.uploadsOf("erin"))
          .extracting(u -> u.filepath())
          .containsExactly("one.c4gh");

      // The partial file stays and counts; once removed, there is room again.
      var again = inbox.sftp().withKey(key, "erin", "-rm big.c4gh", "put " + small + " two.c4gh");
      assertThat(again.ok()).as(again.toString()).isTrue();
      assertThat(inbox.notifier.uploadsOf("erin"))
          .extracting(u -> u.filepath())
          .containsExactly("one.c4gh", "two.c4gh");
    }
  }

  @Test
  void fullInboxRefusesToOpenANewFile() throws IOException {
    try (InboxFixture inbox = new InboxFixture(8 * 1024).start()) {
      Path key = inbox.submitter("frank", null);
      // Put there by an operator: the inbox is already at its quota.
      Files.createDirectories(inbox.home("frank"));
      TestFiles.crypt4ghLooking(inbox.home("frank"), "existing.c4gh", 8 * 1024, 3);
      Path tiny = TestFiles.crypt4ghLooking(inbox.clientDir, "tiny.c4gh", 16, 4);

      var result = inbox.sftp().withKey(key, "frank", "put " + tiny + " tiny.c4gh");

      assertThat(result.ok()).isFalse();
      assertThat(inbox.home("frank").resolve("tiny.c4gh")).doesNotExist();
      assertThat(inbox.notifier.uploadsOf("frank")).isEmpty();
    }
  }

  @Test
  void hostKeyIsGeneratedOnceAndKeptAcrossRestarts() throws IOException {
    Commands.require("ssh-keyscan");
    try (InboxFixture inbox = new InboxFixture(0).start()) {
      String first = scannedFingerprint(inbox);
      assertThat(first).isEqualTo(inbox.server().hostKeyFingerprint()).startsWith("SHA256:");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(inbox.hostKey)))
          .isEqualTo("rw-------");
      byte[] keyFile = Files.readAllBytes(inbox.hostKey);

      inbox.stop();
      inbox.start();

      assertThat(scannedFingerprint(inbox)).isEqualTo(first);
      assertThat(Files.readAllBytes(inbox.hostKey)).isEqualTo(keyFile);
    }
  }

  /** The server's ed25519 host key fingerprint, as an OpenSSH client sees it. */
  private static String scannedFingerprint(InboxFixture inbox) throws IOException {
    var scan =
        Commands.run(
            inbox.clientDir,
            List.of(
                "ssh-keyscan",
                "-t",
                "ed25519",
                "-p",
                String.valueOf(inbox.server().port()),
                "127.0.0.1"));
    assertThat(scan.stdout()).as(scan.toString()).contains("ssh-ed25519");
    Path scanned = Files.writeString(inbox.clientDir.resolve("scanned.pub"), scan.stdout());
    var fingerprint =
        Commands.run(inbox.clientDir, List.of("ssh-keygen", "-l", "-f", scanned.toString()));
    assertThat(fingerprint.ok()).as(fingerprint.toString()).isTrue();
    return fingerprint.stdout().split("\\s+")[1];
  }
}
