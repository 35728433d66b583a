package io.lega.inbox.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lega.contracts.InboxUpload;
import io.lega.contracts.MessageCodec;
import io.lega.inbox.InboxService;
import io.lega.inbox.testing.BrokerProxyResource;
import io.lega.inbox.testing.Commands;
import io.lega.inbox.testing.ErrorLogCapture;
import io.lega.inbox.testing.HubQueue;
import io.lega.inbox.testing.HubQueue.Received;
import io.lega.inbox.testing.InboxEnvironmentResource;
import io.lega.inbox.testing.SftpClient;
import io.lega.inbox.testing.TcpProxy;
import io.lega.inbox.testing.TestFiles;
import io.lega.platform.broker.Broker;
import io.lega.platform.broker.PublishNotConfirmedException;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.LogRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away under the running application (a TCP relay between them is cut, or holds
 * every byte): the upload being closed fails for the SFTP client, the server logs why, nothing
 * reaches the hub; once the broker is back, uploads are published again.
 */
@QuarkusTest
@WithTestResource(BrokerProxyResource.class)
@WithTestResource(InboxEnvironmentResource.class)
class InboxBrokerDownTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String UPLOAD_LISTENER = "io.lega.inbox.sftp.UploadListener";

  @BrokerProxyResource.Inject TcpProxy proxy;
  @InboxEnvironmentResource.Inject InboxEnvironmentResource env;
  @Inject InboxService inbox;
  @Inject Broker broker;

  @ConfigProperty(name = "lega.broker.username")
  String username;

  @ConfigProperty(name = "lega.broker.password")
  String password;

  @ConfigProperty(name = "lega.broker.virtual-host")
  String virtualHost;

  private final MessageCodec codec = MessageCodec.shared();
  private final ErrorLogCapture capture = new ErrorLogCapture(UPLOAD_LISTENER);
  private final List<LogRecord> errors = capture.errors();
  private HubQueue hub;
  private SftpClient sftp;
  private Path key;

  @BeforeEach
  void setUp() throws Exception {
    Commands.require("sftp");
    Commands.require("ssh-keygen");
    proxy.restore();
    await().atMost(WAIT).until(() -> broker.connection().isOpen());
    // straight to the broker, not through the relay
    hub =
        new HubQueue(
            proxy.targetHost(), proxy.targetPort(), username, password, virtualHost, "hub");
    sftp = new SftpClient(env.clientDir(), inbox.server().orElseThrow().port());
    key = env.submitter("carol");
    capture.attach();
  }

  @AfterEach
  void tearDown() throws Exception {
    capture.detach();
    proxy.restore();
    if (hub != null) {
      hub.purge("to_hub");
      hub.close();
    }
  }

  @Test
  void brokerLostDuringAnUploadFailsItAtCloseAndUploadsWorkAgainOnceItIsBack() throws Exception {
    Path local = TestFiles.crypt4ghLooking(env.clientDir(), "big.c4gh", 24L * 1024 * 1024, 3);
    Path stored = env.inboxRoot().resolve("carol/big.c4gh");

    // about 10 MB/s: the upload is still streaming in when the broker goes
    CompletableFuture<Commands.Result> upload =
        CompletableFuture.supplyAsync(
            () -> sftp.withKey(key, "carol", List.of("-l", "80000"), "put " + local + " big.c4gh"));
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> Files.exists(stored) && Files.size(stored) > 1024 * 1024);
    assertThat(upload).isNotDone();
    proxy.cut();
    Commands.Result result = upload.get();

    assertThat(result.ok()).as(result.toString()).isFalse();
    assertThat(result.stderr()).containsIgnoringCase("close");
    assertThat(stored).hasSize(Files.size(local)); // the bytes are there, the upload did not count
    assertThat(loggedFailure("big.c4gh")).isTrue();
    String lostId = InboxBrokerTest.fileId(stored);
    assertThat(hub.drain(Duration.ofMillis(500)))
        .noneMatch(m -> lostId.equals(m.properties().getCorrelationId()));

    proxy.restore();
    await().atMost(WAIT).until(() -> broker.connection().isOpen());
    var again = sftp.withKey(key, "carol", "put " + local + " big.c4gh");

    assertThat(again.ok()).as(again.toString()).isTrue();
    String newId = InboxBrokerTest.fileId(stored);
    assertThat(newId).isNotEqualTo(lostId);
    Received message = hub.next(m -> newId.equals(m.properties().getCorrelationId()), WAIT);
    assertThat(((InboxUpload) codec.decodeInbox(message.body())).filepath()).isEqualTo("big.c4gh");
  }

  @Test
  void aPublishThatIsNotConfirmedInTimeFailsTheUploadAtClose() throws Exception {
    Path local = TestFiles.crypt4ghLooking(env.clientDir(), "slow.c4gh", 10_000, 4);
    // a first upload while all is well: the publisher's channel is open (see README, limits)
    var first = sftp.withKey(key, "carol", "put " + local + " first.c4gh");
    assertThat(first.ok()).as(first.toString()).isTrue();
    proxy.pause(); // the connection stays, nothing goes through: no confirm

    long start = System.nanoTime();
    var put = sftp.withKey(key, "carol", "put " + local + " slow.c4gh");
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(put.ok()).as(put.toString()).isFalse();
    assertThat(put.stderr()).containsIgnoringCase("close");
    Duration confirmTimeout = Duration.parse(BrokerProxyResource.CONFIRM_TIMEOUT);
    assertThat(took).isBetween(confirmTimeout, confirmTimeout.plusSeconds(15));
    assertThat(loggedFailure("slow.c4gh")).isTrue();
    assertThat(
            errors.stream()
                .anyMatch(
                    r ->
                        causes(r.getThrown()).stream()
                            .anyMatch(
                                t ->
                                    t instanceof PublishNotConfirmedException p
                                        && p.reason()
                                            == PublishNotConfirmedException.Reason.TIMED_OUT)))
        .isTrue();

    proxy.restore();
    var again = sftp.withKey(key, "carol", "put " + local + " slow.c4gh");

    assertThat(again.ok()).as(again.toString()).isTrue();
  }

  /** An ERROR line of the upload listener about {@code path}, with the publish failure as cause. */
  private boolean loggedFailure(String path) {
    return capture.logged(
        (text, thrown) ->
            text.contains("could not be reported")
                && text.contains(path)
                && causes(thrown).stream()
                    .anyMatch(PublishNotConfirmedException.class::isInstance));
  }

  private static List<Throwable> causes(Throwable thrown) {
    List<Throwable> chain = new java.util.ArrayList<>();
    for (Throwable t = thrown; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }
}
