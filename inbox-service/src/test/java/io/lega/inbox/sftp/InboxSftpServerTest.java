package io.lega.inbox.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.inbox.notify.InboxUserError;
import io.lega.inbox.notify.RemovedFile;
import io.lega.inbox.notify.RenamedFile;
import io.lega.inbox.notify.UploadedFile;
import io.lega.inbox.testing.Commands;
import io.lega.inbox.testing.InboxFixture;
import io.lega.inbox.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The inbox driven by the real OpenSSH client: uploads and what is reported, the jail, logins. Each
 * test uses its own user or file names, so that tests do not see each other's files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InboxSftpServerTest {

  private static final String PASSWORD = "correct horse battery staple";

  private InboxFixture inbox;
  private Path aliceKey;

  @BeforeAll
  void start() {
    Commands.require("sftp");
    inbox = new InboxFixture(0).start();
    aliceKey = inbox.submitter("alice", PASSWORD);
  }

  @AfterAll
  void stop() {
    if (inbox != null) {
      inbox.close();
    }
  }

  private Path local(String name) {
    return inbox.clientDir.resolve(name);
  }

  private void assertUploadMatches(UploadedFile upload, Path localFile, String filepath)
      throws IOException {
    assertThat(upload.user()).isEqualTo("alice");
    assertThat(upload.filepath()).isEqualTo(filepath);
    assertThat(upload.filesize()).isEqualTo(Files.size(localFile));
    assertThat(upload.checksums().sha256()).isEqualTo(Commands.digest("sha256sum", localFile));
    assertThat(upload.checksums().md5()).isEqualTo(Commands.digest("md5sum", localFile));
    Path stored = inbox.home("alice").resolve(filepath);
    assertThat(upload.lastModified())
        .isEqualTo(Files.getLastModifiedTime(stored).to(TimeUnit.SECONDS));
    assertThat(Files.size(stored)).isEqualTo(Files.size(localFile));
  }

  private UploadedFile onlyUpload(String filepath) {
    List<UploadedFile> found =
        inbox.notifier.uploads.stream().filter(u -> u.filepath().equals(filepath)).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void uploadOfAFewKibIsHashedWhileStreaming() throws IOException {
    Path file = TestFiles.crypt4ghLooking(inbox.clientDir, "small.c4gh", 5 * 1024 + 7, 1);

    var result =
        inbox.sftp().withKey(aliceKey, "alice", "mkdir run1", "put " + file + " run1/small.c4gh");

    assertThat(result.ok()).as(result.toString()).isTrue();
    assertUploadMatches(onlyUpload("run1/small.c4gh"), file, "run1/small.c4gh");
  }

  @Test
  void uploadOf100MibIsHashedWhileStreaming() throws IOException {
    Path file = TestFiles.crypt4ghLooking(inbox.clientDir, "big.c4gh", 100L << 20, 2);
    try {
      var result = inbox.sftp().withKey(aliceKey, "alice", "put " + file + " big.c4gh");

      assertThat(result.ok()).as(result.toString()).isTrue();
      assertUploadMatches(onlyUpload("big.c4gh"), file, "big.c4gh");
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(inbox.home("alice").resolve("big.c4gh"));
    }
  }

  @Test
  void emptyUploadIsAUserError() throws IOException {
    Path empty = Files.createFile(local("empty.c4gh"));

    var result = inbox.sftp().withKey(aliceKey, "alice", "put " + empty + " empty.c4gh");

    assertThat(result.ok()).as(result.toString()).isTrue();
    assertThat(inbox.notifier.uploads).noneMatch(u -> u.filepath().equals("empty.c4gh"));
    InboxUserError error = userError("empty.c4gh");
    assertThat(error.reason()).isEqualTo("empty.c4gh is not a Crypt4GH file: the file is empty");
    assertThat(error.checksums().orElseThrow().sha256())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(error.checksums().orElseThrow().md5()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
  }

  @Test
  void nonCrypt4ghUploadIsAUserErrorAndStaysInPlace() throws IOException {
    Path plain =
        TestFiles.write(inbox.clientDir, "reads.bam", new byte[] {'B', 'A', 'M', 1}, 4096, 3);

    var result = inbox.sftp().withKey(aliceKey, "alice", "put " + plain + " reads.bam");

    assertThat(result.ok()).as(result.toString()).isTrue();
    assertThat(inbox.notifier.uploads).noneMatch(u -> u.filepath().equals("reads.bam"));
    InboxUserError error = userError("reads.bam");
    assertThat(error.reason())
        .isEqualTo(
            "reads.bam is not a Crypt4GH file: it does not start with the magic bytes \"crypt4gh\"");
    assertThat(error.checksums().orElseThrow().sha256())
        .isEqualTo(Commands.digest("sha256sum", plain));
    assertThat(inbox.home("alice").resolve("reads.bam")).exists();
  }

  @Test
  void wrongCrypt4ghVersionIsAUserError() {
    byte[] version2 = {'c', 'r', 'y', 'p', 't', '4', 'g', 'h', 2, 0, 0, 0, 1, 0, 0, 0};
    Path file = TestFiles.write(inbox.clientDir, "v2.c4gh", version2, 100, 4);

    var result = inbox.sftp().withKey(aliceKey, "alice", "put " + file + " v2.c4gh");

    assertThat(result.ok()).as(result.toString()).isTrue();
    assertThat(userError("v2.c4gh").reason())
        .isEqualTo(
            "v2.c4gh is not a Crypt4GH file: its Crypt4GH version is 2, only version 1 is accepted");
  }

  private InboxUserError userError(String filepath) {
    List<InboxUserError> found =
        inbox.notifier.userErrors.stream().filter(e -> e.filepath().equals(filepath)).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @Test
  void renameAndRemoveAreReportedWithTheUploadsId() {
    Path file = TestFiles.crypt4ghLooking(inbox.clientDir, "moving.c4gh", 2048, 5);

    var result =
        inbox
            .sftp()
            .withKey(
                aliceKey,
                "alice",
                "put " + file + " first.c4gh",
                "mkdir renamed",
                "rename first.c4gh renamed/second.c4gh",
                "rm renamed/second.c4gh");

    assertThat(result.ok()).as(result.toString()).isTrue();
    UploadedFile upload = onlyUpload("first.c4gh");
    List<RenamedFile> renames =
        inbox.notifier.renames.stream().filter(r -> r.oldpath().equals("first.c4gh")).toList();
    assertThat(renames).hasSize(1);
    assertThat(renames.get(0).filepath()).isEqualTo("renamed/second.c4gh");
    assertThat(renames.get(0).user()).isEqualTo("alice");
    assertThat(renames.get(0).fileId()).isEqualTo(upload.fileId());
    List<RemovedFile> removals =
        inbox.notifier.removals.stream()
            .filter(r -> r.filepath().equals("renamed/second.c4gh"))
            .toList();
    assertThat(removals).hasSize(1);
    assertThat(removals.get(0).fileId()).isEqualTo(upload.fileId());
    assertThat(inbox.home("alice").resolve("renamed/second.c4gh")).doesNotExist();
  }

  @Test
  void renamingAFolderReportsEveryFileInIt() {
    Path file = TestFiles.crypt4ghLooking(inbox.clientDir, "infolder.c4gh", 300, 6);

    var result =
        inbox
            .sftp()
            .withKey(
                aliceKey,
                "alice",
                "mkdir batchA",
                "put " + file + " batchA/one.c4gh",
                "put " + file + " batchA/two.c4gh",
                "rename batchA batchB");

    assertThat(result.ok()).as(result.toString()).isTrue();
    assertThat(
            inbox.notifier.renames.stream()
                .filter(r -> r.oldpath().startsWith("batchA/"))
                .map(r -> r.oldpath() + " -> " + r.filepath()))
        .containsExactlyInAnyOrder(
            "batchA/one.c4gh -> batchB/one.c4gh", "batchA/two.c4gh -> batchB/two.c4gh");
  }

  @Test
  void resumedUploadIsHashedFromDisk() throws IOException {
    Path whole = TestFiles.crypt4ghLooking(inbox.clientDir, "resume.c4gh", 300_000, 7);
    Path half = local("resume-half.c4gh");
    byte[] bytes = Files.readAllBytes(whole);
    Files.write(half, java.util.Arrays.copyOf(bytes, 100_000));

    var result =
        inbox
            .sftp()
            .withKey(
                aliceKey,
                "alice",
                "put " + half + " resume.c4gh",
                "reput " + whole + " resume.c4gh");

    assertThat(result.ok()).as(result.toString()).isTrue();
    List<UploadedFile> uploads =
        inbox.notifier.uploads.stream().filter(u -> u.filepath().equals("resume.c4gh")).toList();
    assertThat(uploads).hasSize(2);
    assertUploadMatches(uploads.get(1), whole, "resume.c4gh");
  }

  @Test
  void passwordLogin() {
    Commands.require("sshpass");
    Path file = TestFiles.crypt4ghLooking(inbox.clientDir, "pw.c4gh", 1000, 8);

    var good = inbox.sftp().withPassword(PASSWORD, "alice", "put " + file + " pw.c4gh");
    var wrong = inbox.sftp().withPassword("not the password", "alice", "ls");

    assertThat(good.ok()).as(good.toString()).isTrue();
    assertThat(onlyUpload("pw.c4gh").filesize()).isEqualTo(1000);
    assertThat(wrong.ok()).as(wrong.toString()).isFalse();
  }

  @Test
  void unknownKeyIsRefused() {
    Path stranger = Commands.sshKeygen(inbox.clientDir, "stranger_key");

    var result = inbox.sftp().withKey(stranger, "alice", "ls");

    assertThat(result.ok()).isFalse();
    assertThat(result.stderr()).contains("Permission denied");
  }

  @Test
  void ecdsaAndRsaKeysLogInAndUnreadableLinesAreSkipped() {
    Path ecdsa = inbox.clientDir.resolve("gina_ecdsa");
    Path rsa = inbox.clientDir.resolve("gina_rsa");
    for (List<String> keygen :
        List.of(
            List.of(
                "ssh-keygen", "-q", "-t", "ecdsa", "-b", "256", "-N", "", "-f", ecdsa.toString()),
            List.of(
                "ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", rsa.toString()))) {
      assertThat(Commands.run(inbox.clientDir, keygen).ok()).isTrue();
    }
    inbox.hub.putUser(
        "gina",
        true,
        null,
        List.of(
            "not a key at all",
            "# a comment",
            Commands.publicKeyLine(ecdsa),
            Commands.publicKeyLine(rsa)),
        List.of("submitter"));

    assertThat(inbox.sftp().withKey(ecdsa, "gina", "ls").ok()).isTrue();
    assertThat(inbox.sftp().withKey(rsa, "gina", "ls").ok()).isTrue();
  }

  @Test
  void unknownUserIsRefused() {
    var result = inbox.sftp().withKey(aliceKey, "nobody", "ls");

    assertThat(result.ok()).isFalse();
    assertThat(inbox.home("nobody")).doesNotExist();
  }

  @Test
  void disabledUserIsRefused() {
    Path key = Commands.sshKeygen(inbox.clientDir, "carol_key");
    inbox.hub.putUser(
        "carol", false, PASSWORD, List.of(Commands.publicKeyLine(key)), List.of("submitter"));

    var byKey = inbox.sftp().withKey(key, "carol", "ls");

    assertThat(byKey.ok()).isFalse();
    assertThat(inbox.home("carol")).doesNotExist();
    if (Commands.available("sshpass")) {
      assertThat(inbox.sftp().withPassword(PASSWORD, "carol", "ls").ok()).isFalse();
    }
  }

  @Test
  void userWithoutSubmitterRoleIsRefused() {
    Path key = Commands.sshKeygen(inbox.clientDir, "dave_key");
    inbox.hub.putUser(
        "dave", true, null, List.of(Commands.publicKeyLine(key)), List.of("researcher"));

    assertThat(inbox.sftp().withKey(key, "dave", "ls").ok()).isFalse();
  }

  @Test
  void pathsCannotClimbOutOfTheInbox() throws IOException {
    Path file = TestFiles.crypt4ghLooking(inbox.clientDir, "climb.c4gh", 100, 9);
    String passwd = Commands.digest("sha256sum", Path.of("/etc/passwd"));

    var climb = inbox.sftp().withKey(aliceKey, "alice", "put " + file + " ../../etc/passwd");
    var absolute = inbox.sftp().withKey(aliceKey, "alice", "put " + file + " /../../../tmp/x.c4gh");
    var listing = inbox.sftp().withKey(aliceKey, "alice", "cd ../..", "pwd", "ls -a");

    assertThat(climb.ok()).isFalse();
    assertThat(climb.stderr()).contains("No such file");
    assertThat(Commands.digest("sha256sum", Path.of("/etc/passwd"))).isEqualTo(passwd);
    assertThat(inbox.home("alice").resolve("etc")).doesNotExist();
    // "/../../../tmp/x.c4gh" is "/tmp/x.c4gh" inside the jail; there is no such folder there.
    assertThat(absolute.ok()).isFalse();
    assertThat(listing.ok()).as(listing.toString()).isTrue();
    assertThat(listing.stdout()).contains("Remote working directory: /");
    assertThat(listing.stdout()).doesNotContain("users").doesNotContain("keys");
    try (Stream<Path> top = Files.list(inbox.inboxRoot)) {
      assertThat(top).allMatch(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
    }
  }

  @Test
  void symbolicLinksOnDiskAreNotFollowed() throws IOException {
    Path outside = Files.createDirectories(inbox.dir.resolve("outside"));
    Path secret = Files.writeString(outside.resolve("secret.txt"), "not for alice");
    Path home = Files.createDirectories(inbox.home("alice"));
    Files.createSymbolicLink(home.resolve("escape"), outside);
    Files.createSymbolicLink(home.resolve("secret-link"), secret);
    Path upload = TestFiles.crypt4ghLooking(inbox.clientDir, "link.c4gh", 100, 10);

    var getThroughFolder =
        inbox.sftp().withKey(aliceKey, "alice", "get escape/secret.txt " + local("got1"));
    var getLink = inbox.sftp().withKey(aliceKey, "alice", "get secret-link " + local("got2"));
    var listFolder = inbox.sftp().withKey(aliceKey, "alice", "ls escape/");
    var cdFolder = inbox.sftp().withKey(aliceKey, "alice", "cd escape");
    var putThrough =
        inbox.sftp().withKey(aliceKey, "alice", "put " + upload + " escape/planted.c4gh");

    assertThat(getThroughFolder.ok()).isFalse();
    assertThat(getThroughFolder.stderr()).contains("not found");
    assertThat(getLink.ok()).isFalse();
    assertThat(getLink.stderr()).contains("not found");
    assertThat(local("got1")).doesNotExist();
    assertThat(local("got2")).doesNotExist();
    assertThat(listFolder.ok()).isFalse();
    assertThat(listFolder.stdout()).doesNotContain("secret.txt");
    assertThat(cdFolder.ok()).isFalse();
    assertThat(cdFolder.stderr()).contains("symbolic links are not followed in the inbox");
    assertThat(putThrough.ok()).isFalse();
    assertThat(putThrough.stderr()).contains("Permission denied");
    assertThat(outside.resolve("planted.c4gh")).doesNotExist();
  }

  @Test
  void clientsCannotCreateLinks() {
    Path file = TestFiles.crypt4ghLooking(inbox.clientDir, "target.c4gh", 100, 11);

    var symlink =
        inbox
            .sftp()
            .withKey(aliceKey, "alice", "put " + file + " target.c4gh", "symlink / root-link");
    var hardlink = inbox.sftp().withKey(aliceKey, "alice", "ln target.c4gh hard.c4gh");

    assertThat(symlink.ok()).isFalse();
    assertThat(symlink.stderr()).contains("Permission denied");
    assertThat(inbox.home("alice").resolve("root-link")).doesNotExist();
    assertThat(hardlink.ok()).isFalse();
    assertThat(inbox.home("alice").resolve("hard.c4gh")).doesNotExist();
  }

  @Test
  void usersCannotSeeEachOther() {
    Path bobKey = inbox.submitter("bob", null);
    Path file = TestFiles.crypt4ghLooking(inbox.clientDir, "bobs.c4gh", 100, 12);
    assertThat(inbox.sftp().withKey(bobKey, "bob", "put " + file + " bobs.c4gh").ok()).isTrue();

    var up = inbox.sftp().withKey(aliceKey, "alice", "ls ../bob");
    var absolute = inbox.sftp().withKey(aliceKey, "alice", "ls /bob");
    var get = inbox.sftp().withKey(aliceKey, "alice", "get ../bob/bobs.c4gh " + local("stolen"));

    assertThat(up.ok()).isFalse();
    assertThat(up.stderr()).contains("not found");
    assertThat(absolute.ok()).isFalse();
    assertThat(get.ok()).isFalse();
    assertThat(local("stolen")).doesNotExist();
    assertThat(inbox.home("bob").resolve("bobs.c4gh")).exists();
    assertThat(inbox.notifier.uploadsOf("bob")).hasSize(1);
  }

  @Test
  void fileBeingIngestedCannotBeOverwrittenRenamedOrRemoved() {
    Path file = TestFiles.crypt4ghLooking(inbox.clientDir, "locked.c4gh", 500, 13);
    assertThat(inbox.sftp().withKey(aliceKey, "alice", "put " + file + " locked.c4gh").ok())
        .isTrue();
    inbox.guard.lock("alice", "locked.c4gh");
    try {
      var overwrite = inbox.sftp().withKey(aliceKey, "alice", "put " + file + " locked.c4gh");
      var rename = inbox.sftp().withKey(aliceKey, "alice", "rename locked.c4gh other.c4gh");
      var remove = inbox.sftp().withKey(aliceKey, "alice", "rm locked.c4gh");

      assertThat(overwrite.ok()).isFalse();
      assertThat(overwrite.stderr()).contains("Permission denied");
      assertThat(rename.ok()).isFalse();
      assertThat(remove.ok()).isFalse();
      assertThat(inbox.notifier.uploads.stream().filter(u -> u.filepath().equals("locked.c4gh")))
          .hasSize(1);
      assertThat(inbox.home("alice").resolve("locked.c4gh")).hasSize(500);
    } finally {
      inbox.guard.unlock("alice", "locked.c4gh");
    }
  }

  @Test
  void brokerDownFailsTheUploadAtClose() {
    Path file = TestFiles.crypt4ghLooking(inbox.clientDir, "nobroker.c4gh", 4000, 14);
    inbox.notifier.setBrokerDown(true);
    try {
      var result = inbox.sftp().withKey(aliceKey, "alice", "put " + file + " nobroker.c4gh");

      assertThat(result.ok()).as(result.toString()).isFalse();
      assertThat(result.stderr()).containsIgnoringCase("close");
    } finally {
      inbox.notifier.setBrokerDown(false);
    }
    assertThat(inbox.notifier.uploads).noneMatch(u -> u.filepath().equals("nobroker.c4gh"));
  }

  @Test
  void aClientWithItsDefaultsGetsAesNotMinasPlainJavaChaCha20() {
    Path file = TestFiles.crypt4ghLooking(inbox.clientDir, "cipher.c4gh", 1000, 16);

    var defaults =
        inbox
            .sftp()
            .withKey(
                aliceKey,
                "alice",
                List.of("-o", "LogLevel=DEBUG1"),
                "put " + file + " cipher-default.c4gh");
    var chacha =
        inbox
            .sftp()
            .withKey(
                aliceKey,
                "alice",
                List.of("-c", "chacha20-poly1305@openssh.com", "-o", "LogLevel=INFO"),
                "put " + file + " cipher-chacha.c4gh");

    assertThat(defaults.ok()).as(defaults.toString()).isTrue();
    assertThat(defaults.stderr()).contains("kex: client->server cipher: aes128-ctr");
    assertThat(chacha.ok()).isFalse();
    assertThat(chacha.stderr()).contains("no matching cipher");
  }

  @Test
  void noShellExecScpOrForwarding() {
    Commands.require("ssh");
    List<String> ssh = new java.util.ArrayList<>(List.of("ssh"));
    ssh.addAll(Commands.sshOptions(inbox.server().port()));
    ssh.addAll(List.of("-i", aliceKey.toString(), "-o", "BatchMode=yes"));

    List<String> exec = new java.util.ArrayList<>(ssh);
    exec.addAll(List.of("alice@127.0.0.1", "echo", "hello"));
    List<String> forward = new java.util.ArrayList<>(ssh);
    forward.addAll(
        List.of("-o", "ExitOnForwardFailure=yes", "-N", "-R", "0:127.0.0.1:9", "alice@127.0.0.1"));

    var execResult = Commands.run(inbox.clientDir, exec);
    var forwardResult = Commands.run(inbox.clientDir, forward);

    assertThat(execResult.ok()).isFalse();
    assertThat(execResult.stdout()).doesNotContain("hello");
    assertThat(forwardResult.ok()).isFalse();
    if (Commands.available("scp")) {
      Path file = TestFiles.crypt4ghLooking(inbox.clientDir, "scp.c4gh", 100, 15);
      List<String> scp = new java.util.ArrayList<>(List.of("scp", "-O"));
      scp.addAll(Commands.sshOptions(inbox.server().port()));
      scp.addAll(List.of("-i", aliceKey.toString(), file.toString(), "alice@127.0.0.1:scp.c4gh"));
      assertThat(Commands.run(inbox.clientDir, scp).ok()).isFalse();
      assertThat(inbox.home("alice").resolve("scp.c4gh")).doesNotExist();
    }
  }

  @Test
  void userFolderIsPrivate() throws IOException {
    assertThat(inbox.sftp().withKey(aliceKey, "alice", "ls").ok()).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(inbox.home("alice"))))
        .isEqualTo("rwx------");
  }
}
