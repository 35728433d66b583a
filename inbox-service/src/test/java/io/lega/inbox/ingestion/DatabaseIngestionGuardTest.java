package io.lega.inbox.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.lega.inbox.InboxService;
import io.lega.inbox.testing.Commands;
import io.lega.inbox.testing.ErrorLogCapture;
import io.lega.inbox.testing.InboxEnvironmentResource;
import io.lega.inbox.testing.NodeDatabaseResource;
import io.lega.inbox.testing.SftpClient;
import io.lega.inbox.testing.TestFiles;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.logging.LogRecord;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient.OpenMode;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code lega.inbox.ingestion-guard=database}: the application reads the node database (a real
 * PostgreSQL with the node schema: test-support's, embedded or real) through a TCP relay. A file
 * whose row is {@code submitted} cannot be overwritten, renamed, replaced or removed with the real
 * {@code sftp}; it can once the row moves on; other users' files at the same path are not locked. A
 * database that is down or does not answer refuses those operations within the check timeout, with
 * an ERROR line, and they work again once it is back. Each test has users of its own.
 */
@QuarkusTest
@WithTestResource(AmqpBrokerResource.class)
@WithTestResource(InboxEnvironmentResource.class)
@WithTestResource(NodeDatabaseResource.class)
class DatabaseIngestionGuardTest {

  private static final String UPLOAD_LISTENER = "io.lega.inbox.sftp.UploadListener";
  private static final Duration TIMEOUT = Duration.parse(NodeDatabaseResource.TIMEOUT);
  private static final String PASSWORD = "a password for the MINA client";

  @InboxEnvironmentResource.Inject InboxEnvironmentResource env;
  @NodeDatabaseResource.Inject NodeDatabaseResource db;
  @Inject InboxService inbox;
  @Inject IngestionGuard guard;

  private final ErrorLogCapture capture = new ErrorLogCapture(UPLOAD_LISTENER);
  private final List<LogRecord> errors = capture.errors();
  private SftpClient sftp;

  @BeforeEach
  void setUp() {
    Commands.require("sftp");
    Commands.require("ssh-keygen");
    db.proxy().restore();
    sftp = new SftpClient(env.clientDir(), inbox.server().orElseThrow().port());
    capture.attach();
  }

  @AfterEach
  void tearDown() {
    capture.detach();
    db.proxy().restore();
  }

  @Test
  void theGuardIsTheDatabaseOne() {
    assertThat(guard).isInstanceOf(DatabaseIngestionGuard.class);
  }

  @Test
  void aSubmittedFileCannotBeTouchedUntilItIsArchived() throws Exception {
    Path key = env.submitter("dana");
    Path first = TestFiles.crypt4ghLooking(env.clientDir(), "dana-1.c4gh", 500, 1);
    Path second = TestFiles.crypt4ghLooking(env.clientDir(), "dana-2.c4gh", 800, 2);
    var put =
        sftp.withKey(
            key,
            "dana",
            "-mkdir run1",
            "put " + first + " run1/sample.c4gh",
            "put " + second + " other.c4gh");
    assertThat(put.ok()).as(put.toString()).isTrue();
    Path stored = env.inboxRoot().resolve("dana/run1/sample.c4gh");
    UUID id = db.insertFile("dana", "run1/sample.c4gh", "submitted");

    var overwrite = sftp.withKey(key, "dana", "put " + second + " run1/sample.c4gh");
    var rename = sftp.withKey(key, "dana", "rename run1/sample.c4gh run1/moved.c4gh");
    var renameFolder = sftp.withKey(key, "dana", "rename run1 run2");
    var replace = sftp.withKey(key, "dana", "rename other.c4gh run1/sample.c4gh");
    var remove = sftp.withKey(key, "dana", "rm run1/sample.c4gh");

    for (var refused : List.of(overwrite, rename, renameFolder, replace, remove)) {
      assertThat(refused.ok()).as(refused.toString()).isFalse();
      assertThat(refused.stderr()).as(refused.toString()).contains("Permission denied");
    }
    assertThat(stored).hasSize(500);
    assertThat(env.inboxRoot().resolve("dana/other.c4gh")).hasSize(800);
    assertThat(errors).isEmpty();

    db.setState(id, "archived");

    var overwritten = sftp.withKey(key, "dana", "put " + second + " run1/sample.c4gh");
    assertThat(overwritten.ok()).as(overwritten.toString()).isTrue();
    assertThat(stored).hasSize(800);
    var replaced = sftp.withKey(key, "dana", "put " + first + " other.c4gh");
    assertThat(replaced.ok()).as(replaced.toString()).isTrue();
    var renamed =
        sftp.withKey(
            key,
            "dana",
            "rename other.c4gh run1/sample.c4gh",
            "rename run1/sample.c4gh run1/moved.c4gh");
    assertThat(renamed.ok()).as(renamed.toString()).isTrue();
    assertThat(env.inboxRoot().resolve("dana/run1/moved.c4gh")).hasSize(500);
    var removed = sftp.withKey(key, "dana", "rm run1/moved.c4gh");
    assertThat(removed.ok()).as(removed.toString()).isTrue();
    assertThat(env.inboxRoot().resolve("dana/run1/moved.c4gh")).doesNotExist();
  }

  @Test
  void onlySubmittedLocks() throws Exception {
    Path key = env.submitter("erin");
    Path file = TestFiles.crypt4ghLooking(env.clientDir(), "erin.c4gh", 300, 3);
    for (String state : List.of("uploaded", "archived", "verified", "error")) {
      String path = state + ".c4gh";
      assertThat(sftp.withKey(key, "erin", "put " + file + " " + path).ok()).isTrue();
      db.insertFile("erin", path, state);

      var overwrite = sftp.withKey(key, "erin", "put " + file + " " + path);

      assertThat(overwrite.ok()).as(state + ": " + overwrite).isTrue();
    }
  }

  @Test
  void anotherUsersFileAtTheSamePathIsNotLocked() throws Exception {
    Path frankKey = env.submitter("frank");
    Path graceKey = env.submitter("grace");
    Path file = TestFiles.crypt4ghLooking(env.clientDir(), "shared.c4gh", 400, 4);
    assertThat(sftp.withKey(frankKey, "frank", "put " + file + " shared.c4gh").ok()).isTrue();
    assertThat(sftp.withKey(graceKey, "grace", "put " + file + " shared.c4gh").ok()).isTrue();
    db.insertFile("frank", "shared.c4gh", "submitted");

    var frank = sftp.withKey(frankKey, "frank", "put " + file + " shared.c4gh");
    var grace =
        sftp.withKey(
            graceKey,
            "grace",
            "put " + file + " shared.c4gh",
            "rename shared.c4gh moved.c4gh",
            "rm moved.c4gh");

    assertThat(frank.ok()).as(frank.toString()).isFalse();
    assertThat(frank.stderr()).contains("Permission denied");
    assertThat(grace.ok()).as(grace.toString()).isTrue();
    assertThat(env.inboxRoot().resolve("grace/moved.c4gh")).doesNotExist();
  }

  @Test
  void aPathStoredWithALeadingSlashIsLockedToo() throws Exception {
    Path key = env.submitter("heidi");
    Path file = TestFiles.crypt4ghLooking(env.clientDir(), "heidi.c4gh", 200, 5);
    assertThat(sftp.withKey(key, "heidi", "-mkdir d", "put " + file + " d/slash.c4gh").ok())
        .isTrue();
    db.insertFile("heidi", "/d/slash.c4gh", "submitted");

    var remove = sftp.withKey(key, "heidi", "rm d/slash.c4gh");

    assertThat(remove.ok()).as(remove.toString()).isFalse();
    assertThat(remove.stderr()).contains("Permission denied");
    assertThat(env.inboxRoot().resolve("heidi/d/slash.c4gh")).exists();
  }

  @Test
  void aDatabaseThatIsDownRefusesWithinTheTimeoutAndWorksOnceBack() throws Exception {
    Path key = env.submitter("ivan");
    env.hub().putUser("ivan", true, PASSWORD, List.of(Commands.publicKeyLine(key)), roles());
    Path file = TestFiles.crypt4ghLooking(env.clientDir(), "ivan.c4gh", 600, 6);
    Path other = TestFiles.crypt4ghLooking(env.clientDir(), "ivan-2.c4gh", 700, 7);
    assertThat(sftp.withKey(key, "ivan", "put " + file + " kept.c4gh").ok()).isTrue();
    db.proxy().cut();

    long start = System.nanoTime();
    var overwrite = sftp.withKey(key, "ivan", "put " + other + " kept.c4gh");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    var remove = sftp.withKey(key, "ivan", "rm kept.c4gh");
    var rename = sftp.withKey(key, "ivan", "rename kept.c4gh moved.c4gh");
    SftpException refused =
        catchThrowableOfType(SftpException.class, () -> openForWriting("ivan", "kept.c4gh"));
    // a new file overwrites nothing: the database is not asked
    var fresh = sftp.withKey(key, "ivan", "put " + other + " fresh.c4gh");

    for (var failed : List.of(overwrite, remove, rename)) {
      assertThat(failed.ok()).as(failed.toString()).isFalse();
      assertThat(failed.stderr()).as(failed.toString()).contains("Failure");
    }
    assertThat(took).isLessThan(TIMEOUT.plusSeconds(10));
    assertThat(refused.getStatus()).isEqualTo(SftpConstants.SSH_FX_FAILURE);
    assertThat(refused.getMessage())
        .isEqualTo("kept.c4gh: cannot check whether the file is being ingested; try again");
    assertThat(env.inboxRoot().resolve("ivan/kept.c4gh")).hasSize(600);
    assertThat(loggedFailure("kept.c4gh")).isTrue();
    assertThat(fresh.ok()).as(fresh.toString()).isTrue();

    db.proxy().restore();

    var again = sftp.withKey(key, "ivan", "put " + other + " kept.c4gh");
    assertThat(again.ok()).as(again.toString()).isTrue();
    assertThat(env.inboxRoot().resolve("ivan/kept.c4gh")).hasSize(700);
  }

  @Test
  void aDatabaseThatDoesNotAnswerRefusesAfterTheTimeout() throws Exception {
    Path key = env.submitter("judy");
    Path file = TestFiles.crypt4ghLooking(env.clientDir(), "judy.c4gh", 600, 8);
    // the second put asks the database: the pool holds a connection when it stops answering
    var puts =
        sftp.withKey(key, "judy", "put " + file + " held.c4gh", "put " + file + " held.c4gh");
    assertThat(puts.ok()).as(puts.toString()).isTrue();
    db.proxy().pause();

    // the first waits on the pooled connection, the second for a new one
    for (int i = 0; i < 2; i++) {
      long start = System.nanoTime();
      var overwrite = sftp.withKey(key, "judy", "put " + file + " held.c4gh");
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(overwrite.ok()).as(overwrite.toString()).isFalse();
      assertThat(overwrite.stderr()).contains("Failure");
      assertThat(took).isBetween(TIMEOUT, TIMEOUT.plusSeconds(10));
    }
    assertThat(loggedFailure("held.c4gh")).isTrue();

    db.proxy().restore();

    await()
        .atMost(TIMEOUT.multipliedBy(5))
        .untilAsserted(
            () -> {
              var again = sftp.withKey(key, "judy", "put " + file + " held.c4gh");
              assertThat(again.ok()).as(again.toString()).isTrue();
            });
  }

  private static List<String> roles() {
    return List.of("submitter");
  }

  /** Opens {@code path} for writing with MINA's SFTP client, to see the status the server sends. */
  private void openForWriting(String user, String path) throws Exception {
    try (SshClient client = SshClient.setUpDefaultClient()) {
      client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
      client.start();
      try (ClientSession session =
          client
              .connect(user, "127.0.0.1", inbox.server().orElseThrow().port())
              .verify(Duration.ofSeconds(10))
              .getSession()) {
        session.addPasswordIdentity(PASSWORD);
        session.auth().verify(Duration.ofSeconds(10));
        try (var sftpClient = SftpClientFactory.instance().createSftpClient(session);
            var handle = sftpClient.open(path, EnumSet.of(OpenMode.Write, OpenMode.Truncate))) {
          throw new AssertionError("opened " + path + " for writing");
        }
      }
    }
  }

  /** An ERROR line of the upload listener about {@code path}, with the database failure. */
  private boolean loggedFailure(String path) {
    return capture.logged(
        (text, thrown) ->
            text.contains(path)
                && text.contains("cannot read the file's state from the node database")
                && thrown instanceof IngestionCheckException);
  }
}
