package io.lega.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.GetResponse;
import io.lega.contracts.MalformedMessageException;
import io.lega.platform.error.SystemErrorException;
import io.lega.platform.error.UserErrorException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueueConsumerTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final TestBroker broker = new TestBroker();

  @AfterEach
  void cleanUp() throws Exception {
    broker.close();
  }

  /** What a handler saw. */
  private record Seen(
      String user,
      MessageContext context,
      Object mdcCorrelationId,
      Object mdcFileId,
      Object mdcUser,
      long at) {}

  private static final UserErrorReporter<Object> NO_USER_ERRORS =
      (error, message, context) -> {
        throw new AssertionError("unexpected user error " + error.reason());
      };

  private Consumption<JsonNode> consumer(
      String queue, String quarantine, MessageHandler<JsonNode> handler) {
    return consumer(queue, quarantine, handler, NO_USER_ERRORS);
  }

  private Consumption<JsonNode> consumer(
      String queue,
      String quarantine,
      MessageHandler<JsonNode> handler,
      UserErrorReporter<Object> reporter) {
    return new Consumption<>(
        queue,
        MessageDecoder.jsonObject(),
        handler,
        reporter,
        json -> json.path("user").asText(null),
        quarantine);
  }

  /** The same consumption with other settings and shutdown timeout. */
  private static <T> Consumption<T> with(
      Consumption<T> c, BrokerSettings settings, Duration shutdownTimeout) {
    return new Consumption<>(
        c.queue(),
        c.decoder(),
        c.handler(),
        c.reporter(),
        c.userOf(),
        c.quarantineQueue(),
        settings,
        shutdownTimeout);
  }

  private QueueConsumer<JsonNode> build(Consumption<JsonNode> consumption) {
    return broker.closeLater(new QueueConsumer<>(broker.connection, broker.publisher, consumption));
  }

  private QueueConsumer<JsonNode> start(Consumption<JsonNode> consumption) {
    QueueConsumer<JsonNode> consumer = build(consumption);
    consumer.start();
    return consumer;
  }

  @Test
  void handlesAcknowledgesAndLogsWithTheCorrelationId() throws Exception {
    String queue = broker.queue("happy");
    String quarantine = broker.queue("quarantine");
    List<Seen> seen = new CopyOnWriteArrayList<>();
    QueueConsumer<JsonNode> consumer =
        start(
            consumer(
                queue,
                quarantine,
                (json, context) ->
                    seen.add(
                        new Seen(
                            json.path("user").asText(),
                            context,
                            MDC.get(LogContext.CORRELATION_ID),
                            MDC.get(LogContext.FILE_ID),
                            MDC.get(LogContext.USER),
                            System.nanoTime()))));

    String messageId =
        broker.send(queue, "{\"user\":\"alice\",\"filepath\":\"a.c4gh\"}", "file-uuid-1");

    await().atMost(WAIT).until(() -> seen.size() == 1);
    Seen one = seen.get(0);
    assertThat(one.user()).isEqualTo("alice");
    assertThat(one.context().correlationId()).isEqualTo("file-uuid-1");
    assertThat(one.context().fileId()).isEqualTo("file-uuid-1");
    assertThat(one.context().queue()).isEqualTo(queue);
    assertThat(one.context().attempt()).isEqualTo(1);
    assertThat(one.context().messageId()).isEqualTo(messageId);
    assertThat(one.context().redelivered()).isFalse();
    assertThat(one.mdcCorrelationId()).isEqualTo("file-uuid-1");
    assertThat(one.mdcFileId()).isEqualTo("file-uuid-1");
    assertThat(one.mdcUser()).isEqualTo("alice");

    await().atMost(WAIT).until(() -> consumer.inFlight() == 0);
    consumer.close();
    // an unacknowledged message would be back in the queue once the consumer's channel is closed
    assertThat(broker.ready(queue)).isZero();
    assertThat(broker.ready(quarantine)).isZero();
    assertThat(seen).hasSize(1);
  }

  @Test
  void acknowledgesOnlyWhenTheHandlerReturns() throws Exception {
    String queue = broker.queue("async");
    String quarantine = broker.queue("quarantine");
    CountDownLatch commit = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    QueueConsumer<JsonNode> first =
        start(
            with(
                consumer(
                    queue,
                    quarantine,
                    (json, context) -> {
                      calls.incrementAndGet();
                      commit.await(30, TimeUnit.SECONDS);
                    }),
                null,
                Duration.ZERO));
    broker.send(queue, "{}", "c-async");
    await().atMost(WAIT).until(() -> calls.get() == 1);

    first.close(); // the handler never returned: the message must still be there
    await().atMost(WAIT).until(() -> broker.ready(queue) == 1);

    QueueConsumer<JsonNode> second =
        start(consumer(queue, quarantine, (json, context) -> calls.incrementAndGet()));
    await().atMost(WAIT).until(() -> calls.get() == 2 && second.inFlight() == 0);
    second.close();
    assertThat(broker.ready(queue)).isZero();
    commit.countDown(); // the first consumer's late return must not break anything
  }

  @Test
  void aSystemErrorIsRetriedWithGrowingBackOffThenQuarantined() throws Exception {
    String queue = broker.queue("failing");
    String quarantine = broker.queue("quarantine");
    List<Seen> attempts = new CopyOnWriteArrayList<>();
    start(
        consumer(
            queue,
            quarantine,
            (json, context) -> {
              attempts.add(new Seen(null, context, null, null, null, System.nanoTime()));
              throw new SystemErrorException("database unavailable");
            }));

    broker.send(queue, "{\"user\":\"bob\"}", "file-uuid-2");

    await().atMost(WAIT).until(() -> broker.ready(quarantine) == 1);
    int maxAttempts = broker.settings.maxAttempts();
    assertThat(attempts).hasSize(maxAttempts);
    assertThat(attempts).extracting(s -> s.context().attempt()).containsExactly(1, 2, 3);
    assertThat(attempts).extracting(s -> s.context().correlationId()).containsOnly("file-uuid-2");
    assertThat(attempts).extracting(s -> s.context().messageId()).doesNotContainNull().hasSize(3);
    assertThat(attempts.stream().map(s -> s.context().messageId()).distinct()).hasSize(1);
    long firstGap = attempts.get(1).at() - attempts.get(0).at();
    long secondGap = attempts.get(2).at() - attempts.get(1).at();
    assertThat(firstGap).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
    assertThat(secondGap).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    assertThat(attempts.get(1).context().headers().get(MessageHeaders.LAST_ERROR))
        .asString()
        .contains("SystemErrorException", "database unavailable");

    GetResponse parked = broker.get(quarantine);
    assertThat(new String(parked.getBody(), StandardCharsets.UTF_8))
        .isEqualTo("{\"user\":\"bob\"}");
    assertThat(parked.getProps().getCorrelationId()).isEqualTo("file-uuid-2");
    Map<String, Object> headers = MessageHeaders.readable(parked.getProps().getHeaders());
    assertThat(headers)
        .containsEntry(MessageHeaders.FAILURE, MessageHeaders.SYSTEM_ERROR)
        .containsEntry(MessageHeaders.SOURCE_QUEUE, queue)
        .containsEntry(MessageHeaders.EXCEPTION, SystemErrorException.class.getName())
        .containsEntry(MessageHeaders.REASON, "database unavailable")
        .containsKey(MessageHeaders.QUARANTINED_AT)
        .containsEntry(MessageHeaders.ORIGINAL_MESSAGE_ID, attempts.get(0).context().messageId());
    assertThat(((Number) headers.get(MessageHeaders.ATTEMPT)).intValue()).isEqualTo(3);
    assertThat(headers.get(MessageHeaders.STACK))
        .asString()
        .contains("SystemErrorException: database unavailable", "at ");
    // nothing left behind: no copy in the queue, nothing unacknowledged
    await().atMost(WAIT).until(() -> broker.ready(queue) == 0);
    assertThat(attempts).hasSize(3);
  }

  @Test
  void aUserErrorIsReportedOnceAndAcknowledged() throws Exception {
    String queue = broker.queue("user-error");
    String quarantine = broker.queue("quarantine");
    AtomicInteger handled = new AtomicInteger();
    List<Object[]> reports = new CopyOnWriteArrayList<>();
    QueueConsumer<JsonNode> consumer =
        start(
            consumer(
                queue,
                quarantine,
                (json, context) -> {
                  handled.incrementAndGet();
                  throw new UserErrorException(
                      "the file is not encrypted for this archive's key", "carol", "x.c4gh");
                },
                (error, message, context) ->
                    reports.add(new Object[] {error, message, context, MDC.get(LogContext.USER)})));

    broker.send(queue, "{\"user\":\"carol\"}", "file-uuid-3");

    await().atMost(WAIT).until(() -> reports.size() == 1 && consumer.inFlight() == 0);
    UserErrorException error = (UserErrorException) reports.get(0)[0];
    assertThat(error.reason()).isEqualTo("the file is not encrypted for this archive's key");
    assertThat(error.user()).contains("carol");
    assertThat(error.filepath()).contains("x.c4gh");
    assertThat(((JsonNode) reports.get(0)[1]).path("user").asText()).isEqualTo("carol");
    assertThat(((MessageContext) reports.get(0)[2]).correlationId()).isEqualTo("file-uuid-3");
    assertThat(reports.get(0)[3]).isEqualTo("carol");

    consumer.close();
    assertThat(handled).hasValue(1);
    assertThat(reports).hasSize(1);
    assertThat(broker.ready(queue)).isZero();
    assertThat(broker.ready(quarantine)).isZero();
  }

  @Test
  void aFailingReporterMakesItASystemError() throws Exception {
    String queue = broker.queue("reporter-fails");
    String quarantine = broker.queue("quarantine");
    AtomicInteger reports = new AtomicInteger();
    start(
        consumer(
            queue,
            quarantine,
            (json, context) -> {
              throw new UserErrorException("bad checksum");
            },
            (error, message, context) -> {
              reports.incrementAndGet();
              throw new SystemErrorException("cannot publish files.error");
            }));

    broker.send(queue, "{}", "file-uuid-4");

    await().atMost(WAIT).until(() -> broker.ready(quarantine) == 1);
    assertThat(reports).hasValue(3);
    Map<String, Object> headers =
        MessageHeaders.readable(broker.get(quarantine).getProps().getHeaders());
    assertThat(headers).containsEntry(MessageHeaders.REASON, "cannot publish files.error");
  }

  @Test
  void malformedMessagesAreQuarantinedAndConsumingGoesOn() throws Exception {
    String queue = broker.queue("malformed");
    String quarantine = broker.queue("quarantine");
    List<String> handled = new CopyOnWriteArrayList<>();
    start(consumer(queue, quarantine, (json, context) -> handled.add(json.path("n").asText())));

    broker.send(queue, "this is not JSON", "bad-1");
    broker.send(queue, "[1, 2]", "bad-2");
    broker.send(queue, "{\"n\":\"ok\"}", "good");

    await().atMost(WAIT).until(() -> broker.ready(quarantine) == 2 && handled.size() == 1);
    assertThat(handled).containsExactly("ok");
    List<Map<String, Object>> parked = new ArrayList<>();
    List<String> bodies = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      GetResponse response = broker.get(quarantine);
      parked.add(MessageHeaders.readable(response.getProps().getHeaders()));
      bodies.add(new String(response.getBody(), StandardCharsets.UTF_8));
    }
    assertThat(bodies).containsExactlyInAnyOrder("this is not JSON", "[1, 2]");
    assertThat(parked)
        .allSatisfy(
            h -> {
              assertThat(h).containsEntry(MessageHeaders.FAILURE, MessageHeaders.MALFORMED);
              assertThat(h).containsEntry(MessageHeaders.SOURCE_QUEUE, queue);
              assertThat(h)
                  .containsEntry(
                      MessageHeaders.EXCEPTION, MalformedMessageException.class.getName());
              assertThat(h).containsKey(MessageHeaders.QUARANTINED_AT);
            });
    assertThat(parked)
        .extracting(h -> (String) h.get(MessageHeaders.REASON))
        .anySatisfy(r -> assertThat(r).startsWith("not JSON"))
        .anySatisfy(r -> assertThat(r).contains("not a JSON object"));
  }

  /** A codec's own exception type (any exception of a decoder means malformed). */
  static final class CodecRejection extends RuntimeException {
    CodecRejection(String message) {
      super(message);
    }
  }

  @Test
  void aDecoderWithItsOwnTypeOrAHandlerThrowingMalformedIsQuarantinedWithoutRetry()
      throws Exception {
    String queue = broker.queue("codec");
    String quarantine = broker.queue("quarantine");
    AtomicInteger handled = new AtomicInteger();
    QueueConsumer<String> consumer =
        broker.closeLater(
            new QueueConsumer<>(
                broker.connection,
                broker.publisher,
                new Consumption<String>(
                    queue,
                    body -> {
                      String text = new String(body, StandardCharsets.UTF_8);
                      if (text.startsWith("reject")) {
                        throw new CodecRejection("$.type: unknown type");
                      }
                      return text;
                    },
                    (text, context) -> {
                      handled.incrementAndGet();
                      throw new MalformedMessageException("$.nested: does not match");
                    },
                    NO_USER_ERRORS,
                    null,
                    quarantine)));
    consumer.start();

    broker.send(queue, "reject me", "c1");
    broker.send(queue, "accept me", "c2");

    await().atMost(WAIT).until(() -> broker.ready(quarantine) == 2);
    assertThat(handled).hasValue(1); // not retried
    Set<String> reasons = ConcurrentHashMap.newKeySet();
    for (int i = 0; i < 2; i++) {
      Map<String, Object> h =
          MessageHeaders.readable(broker.get(quarantine).getProps().getHeaders());
      assertThat(h).containsEntry(MessageHeaders.FAILURE, MessageHeaders.MALFORMED);
      reasons.add((String) h.get(MessageHeaders.REASON));
    }
    assertThat(reasons)
        .containsExactlyInAnyOrder("$.type: unknown type", "$.nested: does not match");
  }

  @Test
  void aCrashedConsumersMessageIsRedeliveredAndAppliedOnce() throws Exception {
    String queue = broker.queue("crash");
    String quarantine = broker.queue("quarantine");
    Set<String> applied = ConcurrentHashMap.newKeySet();
    AtomicInteger effects = new AtomicInteger();
    List<MessageContext> deliveries = new CopyOnWriteArrayList<>();
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    MessageHandler<JsonNode> idempotent =
        (json, context) -> {
          deliveries.add(context);
          if (applied.add(context.correlationId())) { // the "database" effect, keyed by file
            effects.incrementAndGet();
          }
          if (deliveries.size() == 1) {
            blocked.countDown();
            release.await(30, TimeUnit.SECONDS); // crash before the acknowledgement
          }
        };

    BrokerConnection doomed = new BrokerConnection(broker.settings, "platform-test-doomed");
    QueueConsumer<JsonNode> crashing =
        new QueueConsumer<>(
            doomed,
            broker.publisher,
            new Consumption<>(
                queue,
                MessageDecoder.jsonObject(),
                idempotent,
                NO_USER_ERRORS,
                null,
                quarantine,
                null,
                Duration.ZERO));
    crashing.start();
    broker.send(queue, "{\"user\":\"dave\"}", "file-uuid-5");
    assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();

    doomed.close(); // the process dies: its connection goes, the message was not acknowledged

    QueueConsumer<JsonNode> survivor = start(consumer(queue, quarantine, idempotent));
    await().atMost(WAIT).until(() -> deliveries.size() == 2 && survivor.inFlight() == 0);
    release.countDown();
    crashing.close();

    assertThat(deliveries.get(0).redelivered()).isFalse();
    assertThat(deliveries.get(1).redelivered()).isTrue();
    assertThat(deliveries.get(1).correlationId()).isEqualTo("file-uuid-5");
    assertThat(deliveries.get(1).messageId()).isEqualTo(deliveries.get(0).messageId());
    assertThat(effects).hasValue(1);
    survivor.close();
    assertThat(broker.ready(queue)).isZero();
    assertThat(deliveries).hasSize(2);
  }

  @Test
  void twoConsumersShareTheQueueAndHandleEachMessageOnce() throws Exception {
    String queue = broker.queue("shared");
    String quarantine = broker.queue("quarantine");
    BrokerSettings prefetch3 = broker.settings.withPrefetch(3);
    Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    Map<String, AtomicInteger> perConsumer = new ConcurrentHashMap<>();
    List<QueueConsumer<JsonNode>> consumers = new ArrayList<>();
    for (String name : List.of("a", "b")) {
      consumers.add(
          start(
              with(
                  consumer(
                      queue,
                      quarantine,
                      (json, context) -> {
                        counts
                            .computeIfAbsent(context.correlationId(), k -> new AtomicInteger())
                            .incrementAndGet();
                        perConsumer
                            .computeIfAbsent(name, k -> new AtomicInteger())
                            .incrementAndGet();
                      }),
                  prefetch3,
                  Consumption.DEFAULT_SHUTDOWN_TIMEOUT)));
    }

    for (int i = 0; i < 100; i++) {
      broker.send(queue, "{\"n\":" + i + "}", "file-" + i);
    }

    await()
        .atMost(WAIT)
        .until(() -> counts.size() == 100 && consumers.stream().allMatch(c -> c.inFlight() == 0));
    consumers.forEach(QueueConsumer::close);
    assertThat(counts.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    int a = perConsumer.getOrDefault("a", new AtomicInteger()).get();
    int b = perConsumer.getOrDefault("b", new AtomicInteger()).get();
    assertThat(a + b).isEqualTo(100);
    assertThat(a).as("messages handled by consumer a").isPositive();
    assertThat(b).as("messages handled by consumer b").isPositive();
    assertThat(broker.ready(queue)).isZero();
  }

  @Test
  void consumingResumesAfterTheBrokerClosesTheChannel() throws Exception {
    String queue = broker.queue("channel-closed");
    String quarantine = broker.queue("quarantine");
    List<String> handled = new CopyOnWriteArrayList<>();
    QueueConsumer<JsonNode> consumer =
        start(consumer(queue, quarantine, (json, context) -> handled.add(context.correlationId())));
    broker.send(queue, "{}", "before");
    await().atMost(WAIT).until(() -> handled.contains("before"));

    // a channel-level error: the broker closes the consumer's channel (404 NOT_FOUND)
    var channel = consumer.channelForTests();
    assertThatThrownBy(() -> channel.exchangeDeclarePassive(TestBroker.unique("missing")))
        .isInstanceOf(java.io.IOException.class);
    await().atMost(WAIT).until(() -> !channel.isOpen());

    broker.send(queue, "{}", "after");
    await().atMost(WAIT).until(() -> handled.contains("after"));
    assertThat(consumer.channelForTests()).isNotSameAs(channel);
    assertThat(consumer.isRunning()).isTrue();
  }

  @Test
  void consumingResumesWithBackOffWhenTheQueueComesBack() throws Exception {
    String queue = broker.queue("deleted");
    String quarantine = broker.queue("quarantine");
    List<String> handled = new CopyOnWriteArrayList<>();
    QueueConsumer<JsonNode> consumer =
        start(consumer(queue, quarantine, (json, context) -> handled.add(context.correlationId())));

    var channel = consumer.channelForTests();
    broker.admin().queueDelete(queue); // RabbitMQ cancels the consumer; Qpid drops it silently
    try { // ... so also make the broker close the consumer's channel, as in the test above
      channel.exchangeDeclarePassive(TestBroker.unique("missing"));
    } catch (java.io.IOException | com.rabbitmq.client.ShutdownSignalException expected) {
      // 404, or already closed after RabbitMQ's cancel
    }
    await().atMost(WAIT).until(() -> consumer.resubscribeAttemptsForTests() >= 3);
    // with back-off (100, 200, 400 ms ... at most 1 s), not in a tight loop
    assertThat(consumer.resubscribeAttemptsForTests()).isLessThan(10);

    broker.admin().queueDeclare(queue, true, false, false, null);
    broker.send(queue, "{}", "back");
    await().atMost(WAIT).until(() -> handled.contains("back"));
    assertThat(consumer.isRunning()).isTrue();
  }

  @Test
  void consumingAndPublishingResumeAfterTheConnectionIsLost() throws Exception {
    String queue = broker.queue("connection-lost");
    String quarantine = broker.queue("quarantine");
    TcpProxy proxy =
        broker.closeLater(new TcpProxy(broker.settings.host(), broker.settings.port()));
    BrokerConnection flaky =
        broker.closeLater(
            new BrokerConnection(
                new BrokerSettings(
                    "127.0.0.1",
                    proxy.port(),
                    broker.settings.username(),
                    broker.settings.password(),
                    broker.settings.virtualHost(),
                    false,
                    10,
                    3,
                    Duration.ofMillis(100),
                    Duration.ofMillis(500),
                    Duration.ofSeconds(5)),
                "platform-test-flaky"));
    Publisher flakyPublisher = broker.closeLater(new Publisher(flaky));
    List<String> handled = new CopyOnWriteArrayList<>();
    QueueConsumer<JsonNode> consumer =
        broker.closeLater(
            new QueueConsumer<>(
                flaky,
                flakyPublisher,
                new Consumption<>(
                    queue,
                    MessageDecoder.jsonObject(),
                    (json, context) -> handled.add(context.correlationId()),
                    NO_USER_ERRORS,
                    null,
                    quarantine)));
    consumer.start();
    flakyPublisher.publish("", queue, OutgoingMessage.of(new byte[] {'{', '}'}, "before"));
    await().atMost(WAIT).until(() -> handled.contains("before"));

    proxy.cutConnections(); // the network fails
    await().atMost(WAIT).until(() -> !flaky.isOpen());
    await().atMost(WAIT).until(flaky::isOpen); // the client reconnected

    broker.send(queue, "{}", "after");
    await().atMost(WAIT).until(() -> handled.contains("after"));
    // the publisher's channel came back too
    await()
        .atMost(WAIT)
        .ignoreExceptions()
        .until(
            () ->
                flakyPublisher.publish(
                        "", queue, OutgoingMessage.of(new byte[] {'{', '}'}, "published-after"))
                    != null);
    await().atMost(WAIT).until(() -> handled.contains("published-after"));
    assertThat(consumer.isRunning()).isTrue();
  }

  @Test
  void startFailsClearlyWhenTheQueueIsMissing() {
    QueueConsumer<JsonNode> consumer =
        build(consumer(TestBroker.unique("missing"), "error", (j, c) -> {}));
    assertThatThrownBy(consumer::start)
        .isInstanceOf(SystemErrorException.class)
        .hasMessageContaining("cannot consume queue");
    assertThat(consumer.isRunning()).isFalse();
  }

  @Test
  void theMdcIsClearedAfterHandling() throws Exception {
    String queue = broker.queue("mdc");
    String quarantine = broker.queue("quarantine");
    List<Object> leftovers = Collections.synchronizedList(new ArrayList<>());
    QueueConsumer<JsonNode> consumer =
        start(
            with(
                consumer(queue, quarantine, (json, context) -> {}),
                broker.settings.withPrefetch(1),
                Consumption.DEFAULT_SHUTDOWN_TIMEOUT));
    broker.send(queue, "{\"user\":\"erin\"}", "c-mdc");
    await().atMost(WAIT).until(() -> consumer.inFlight() == 0 && broker.ready(queue) == 0);
    // the same single worker thread runs the next task: it must see an empty MDC
    consumer.runOnWorkerForTests(
        () -> leftovers.add(String.valueOf(MDC.get(LogContext.CORRELATION_ID))));
    await().atMost(WAIT).until(() -> leftovers.size() == 1);
    assertThat(leftovers).containsExactly("null");
  }
}
