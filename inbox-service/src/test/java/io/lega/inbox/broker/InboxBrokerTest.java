package io.lega.inbox.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.contracts.Checksum;
import io.lega.contracts.InboxRemove;
import io.lega.contracts.InboxRename;
import io.lega.contracts.InboxUpload;
import io.lega.contracts.IngestionUserError;
import io.lega.contracts.MessageCodec;
import io.lega.inbox.InboxService;
import io.lega.inbox.testing.Commands;
import io.lega.inbox.testing.HubQueue;
import io.lega.inbox.testing.HubQueue.Received;
import io.lega.inbox.testing.InboxEnvironmentResource;
import io.lega.inbox.testing.SftpClient;
import io.lega.inbox.testing.TestFiles;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The application wired to a real broker (test-support's: embedded Qpid, or RabbitMQ with {@code
 * LEGA_TEST_INFRA=real}): uploads, renames and removals made with the OpenSSH {@code sftp} binary
 * reach the hub's exchange as the protocol's messages, read back here with the plain amqp-client
 * from a queue of the test's own.
 */
@QuarkusTest
@WithTestResource(AmqpBrokerResource.class)
@WithTestResource(InboxEnvironmentResource.class)
class InboxBrokerTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  @InboxEnvironmentResource.Inject InboxEnvironmentResource env;
  @Inject InboxService inbox;

  @ConfigProperty(name = "lega.broker.host")
  String host;

  @ConfigProperty(name = "lega.broker.port")
  int port;

  @ConfigProperty(name = "lega.broker.username")
  String username;

  @ConfigProperty(name = "lega.broker.password")
  String password;

  @ConfigProperty(name = "lega.broker.virtual-host")
  String virtualHost;

  private final MessageCodec codec = MessageCodec.shared();
  private HubQueue hub;
  private SftpClient sftp;

  @BeforeEach
  void bindAQueueToTheHubExchange() throws Exception {
    Commands.require("sftp");
    Commands.require("ssh-keygen");
    // the hub's exchange, as the topology names it: declared by the application at start
    hub = new HubQueue(host, port, username, password, virtualHost, "hub");
    sftp = new SftpClient(env.clientDir(), inbox.server().orElseThrow().port());
  }

  @AfterEach
  void close() throws Exception {
    if (hub != null) {
      // what the node side's to_hub queue collected (no shovel here): keep a shared broker clean
      hub.purge("to_hub");
      hub.close();
    }
  }

  @Test
  void uploadRenameAndRemoveArePublishedOnFilesInboxWithTheFileIdAsCorrelationId()
      throws Exception {
    Path key = env.submitter("alice");
    Path local = TestFiles.crypt4ghLooking(env.clientDir(), "sample.c4gh", 3 * 1024 * 1024 + 17, 1);
    String sha256 = Commands.digest("sha256sum", local);
    String md5 = Commands.digest("md5sum", local);

    var put = sftp.withKey(key, "alice", "-mkdir run1", "put " + local + " run1/sample.c4gh");

    assertThat(put.ok()).as(put.toString()).isTrue();
    Path stored = env.inboxRoot().resolve("alice/run1/sample.c4gh");
    String fileId = fileId(stored);
    Received upload = hub.next(m -> fileId.equals(m.properties().getCorrelationId()), WAIT);
    assertThat(upload.exchange()).isEqualTo("hub");
    assertThat(upload.routingKey()).isEqualTo("files.inbox");
    assertPublishedAsTheProtocolSays(upload);
    assertThat(codec.decodeInbox(upload.body()))
        .isEqualTo(
            new InboxUpload(
                "alice",
                "run1/sample.c4gh",
                Files.size(local),
                Files.getLastModifiedTime(stored).to(TimeUnit.SECONDS),
                List.of(Checksum.sha256(sha256), Checksum.md5(md5))));
    assertThat(codec.decodeNodeToHub("files.inbox", upload.body())).isInstanceOf(InboxUpload.class);

    var rename = sftp.withKey(key, "alice", "rename run1/sample.c4gh run1/renamed.c4gh");

    assertThat(rename.ok()).as(rename.toString()).isTrue();
    Received renamed = hub.next(m -> fileId.equals(m.properties().getCorrelationId()), WAIT);
    assertThat(renamed.routingKey()).isEqualTo("files.inbox");
    assertPublishedAsTheProtocolSays(renamed);
    assertThat(codec.decodeInbox(renamed.body()))
        .isEqualTo(new InboxRename("alice", "run1/renamed.c4gh", "run1/sample.c4gh"));

    var remove = sftp.withKey(key, "alice", "rm run1/renamed.c4gh");

    assertThat(remove.ok()).as(remove.toString()).isTrue();
    assertThat(env.inboxRoot().resolve("alice/run1/renamed.c4gh")).doesNotExist();
    Received removed = hub.next(m -> fileId.equals(m.properties().getCorrelationId()), WAIT);
    assertThat(removed.routingKey()).isEqualTo("files.inbox");
    assertPublishedAsTheProtocolSays(removed);
    assertThat(codec.decodeInbox(removed.body()))
        .isEqualTo(new InboxRemove("alice", "run1/renamed.c4gh"));

    // one message per operation, and each a message of its own
    assertThat(hub.drain(Duration.ofMillis(500)))
        .noneMatch(m -> fileId.equals(m.properties().getCorrelationId()));
    assertThat(List.of(upload, renamed, removed))
        .extracting(m -> m.properties().getMessageId())
        .doesNotHaveDuplicates();
  }

  @Test
  void aFileThatIsNotCrypt4ghIsAUserErrorOnFilesError() throws Exception {
    Path key = env.submitter("bob");
    Path local =
        TestFiles.write(
            env.clientDir(),
            "notes.txt",
            "plain text, not encrypted\n".getBytes(StandardCharsets.US_ASCII),
            5000,
            2);
    String sha256 = Commands.digest("sha256sum", local);
    String md5 = Commands.digest("md5sum", local);

    var put = sftp.withKey(key, "bob", "put " + local + " notes.txt");

    // the client sees a successful upload; the reason reaches the submitter through the hub
    assertThat(put.ok()).as(put.toString()).isTrue();
    String fileId = fileId(env.inboxRoot().resolve("bob/notes.txt"));
    Received error = hub.next(m -> fileId.equals(m.properties().getCorrelationId()), WAIT);
    assertThat(error.exchange()).isEqualTo("hub");
    assertThat(error.routingKey()).isEqualTo("files.error");
    assertPublishedAsTheProtocolSays(error);
    IngestionUserError userError =
        (IngestionUserError) codec.decodeNodeToHub("files.error", error.body());
    assertThat(userError.user()).isEqualTo("bob");
    assertThat(userError.filepath()).isEqualTo("notes.txt");
    assertThat(userError.reason()).startsWith("notes.txt is not a Crypt4GH file: ");
    assertThat(userError.reason()).containsIgnoringCase("magic");
    assertThat(userError.encryptedChecksums())
        .containsExactly(Checksum.sha256(sha256), Checksum.md5(md5));
    assertThat(hub.drain(Duration.ofMillis(300)))
        .noneMatch(m -> fileId.equals(m.properties().getCorrelationId()));
  }

  private static void assertPublishedAsTheProtocolSays(Received message) {
    assertThat(message.properties().getDeliveryMode()).as("persistent").isEqualTo(2);
    assertThat(message.properties().getContentType()).isEqualTo("application/json");
    assertThat(message.properties().getMessageId()).isNotBlank();
    assertThat(message.properties().getTimestamp()).isNotNull();
  }

  /** The id the inbox gave the file, read from its extended attribute on disk. */
  static String fileId(Path stored) throws Exception {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(stored, UserDefinedFileAttributeView.class);
    ByteBuffer value = ByteBuffer.allocate(64);
    view.read("lega.file_id", value);
    value.flip();
    return UUID.fromString(StandardCharsets.US_ASCII.decode(value).toString()).toString();
  }
}
