package io.lega.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.GetResponse;
import io.lega.platform.broker.PublishNotConfirmedException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PublisherTest {

  private final TestBroker broker = new TestBroker();

  @AfterEach
  void cleanUp() throws Exception {
    broker.close();
  }

  @Test
  void publishesPersistentJsonWithCorrelationIdAndWaitsForTheConfirm() throws Exception {
    String queue = broker.queue("published");
    String messageId =
        broker.publisher.publish(
            "",
            queue,
            OutgoingMessage.of(
                "{\"type\":\"ingest\"}".getBytes(StandardCharsets.UTF_8),
                "c0ffee00-0000-4000-8000-000000000001",
                Map.of("x-test", "yes")));

    // confirmed means the broker has it: no waiting needed
    GetResponse got = broker.get(queue);
    assertThat(got).isNotNull();
    assertThat(new String(got.getBody(), StandardCharsets.UTF_8))
        .isEqualTo("{\"type\":\"ingest\"}");
    assertThat(got.getProps().getContentType()).isEqualTo("application/json");
    assertThat(got.getProps().getDeliveryMode()).isEqualTo(2);
    assertThat(got.getProps().getCorrelationId()).isEqualTo("c0ffee00-0000-4000-8000-000000000001");
    assertThat(got.getProps().getMessageId()).isEqualTo(messageId).isNotBlank();
    assertThat(got.getProps().getTimestamp()).isNotNull();
    assertThat(got.getProps().getHeaders()).containsKey("x-test");
    assertThat(got.getProps().getHeaders().get("x-test").toString()).isEqualTo("yes");
  }

  @Test
  void keepsAGivenMessageId() throws Exception {
    String queue = broker.queue("message-id");
    broker.publisher.publish(
        "", queue, new OutgoingMessage(new byte[] {'{', '}'}, "c", Map.of(), "given-id"));
    assertThat(broker.get(queue).getProps().getMessageId()).isEqualTo("given-id");
  }

  @Test
  void aMissingExchangeIsReportedAndTheNextPublishWorks() throws Exception {
    String queue = broker.queue("after-missing-exchange");
    assertThatThrownBy(
            () ->
                broker.publisher.publish(
                    TestBroker.unique("no-such-exchange"),
                    "any",
                    OutgoingMessage.of(new byte[] {'{', '}'}, "c")))
        .isInstanceOfSatisfying(
            PublishNotConfirmedException.class,
            e ->
                assertThat(e.reason())
                    .isIn(Reason.CHANNEL_CLOSED, Reason.NACKED, Reason.UNROUTABLE))
        .hasMessageContaining("not confirmed");

    broker.send(queue, "{}", "c");
    assertThat(broker.ready(queue)).isEqualTo(1);
  }

  @Test
  void anUnroutableMessageIsReturnedAndReported() throws Exception {
    String exchange = broker.exchange("unbound");
    assertThatThrownBy(
            () ->
                broker.publisher.publish(
                    exchange, "nobody.listens", OutgoingMessage.of(new byte[] {'{', '}'}, "c")))
        .isInstanceOfSatisfying(
            PublishNotConfirmedException.class,
            e -> {
              // RabbitMQ returns then acks; Qpid nacks then returns
              assertThat(e.reason()).isIn(Reason.UNROUTABLE, Reason.NACKED);
              assertThat(e.exchange()).isEqualTo(exchange);
              assertThat(e.routingKey()).isEqualTo("nobody.listens");
            });

    // a queue missing behind the default exchange is unroutable too
    assertThatThrownBy(
            () ->
                broker.publisher.publish(
                    "", TestBroker.unique("no-such-queue"), OutgoingMessage.of(new byte[1], "c")))
        .isInstanceOfSatisfying(
            PublishNotConfirmedException.class,
            e -> assertThat(e.reason()).isIn(Reason.UNROUTABLE, Reason.NACKED));
  }

  @Test
  void manyThreadsPublishAndEveryMessageIsConfirmedOnce() throws Exception {
    String queue = broker.queue("concurrent");
    int threads = 8;
    int each = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    Set<String> ids = ConcurrentHashMap.newKeySet();
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    ids.add(broker.send(queue, "{\"n\":" + i + "}", "c-" + thread + "-" + i));
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(ids).hasSize(threads * each);
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(queue) == threads * each);
  }

  @Test
  void noConfirmInTimeIsReportedAndLaterPublishesWork() throws Exception {
    String queue = broker.queue("timeout");
    TcpProxy proxy =
        broker.closeLater(new TcpProxy(broker.settings.host(), broker.settings.port()));
    BrokerConnection slow =
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
                    Duration.ofSeconds(1),
                    Duration.ofMillis(300)),
                "platform-test-slow"));
    Publisher publisher = broker.closeLater(new Publisher(slow));
    publisher.publish("", queue, OutgoingMessage.of(new byte[] {'{', '}'}, "first")); // warm up

    proxy.pause(); // the broker's confirm does not come back
    assertThatThrownBy(
            () -> publisher.publish("", queue, OutgoingMessage.of(new byte[] {'{', '}'}, "held")))
        .isInstanceOfSatisfying(
            PublishNotConfirmedException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TIMED_OUT))
        .hasMessageContaining("no confirm within PT0.3S");
    proxy.resume();

    publisher.publish("", queue, OutgoingMessage.of(new byte[] {'{', '}'}, "after"));
    // the held message did reach the broker: a timeout means "unknown", so callers retry
    await().atMost(Duration.ofSeconds(10)).until(() -> broker.ready(queue) == 3);
  }

  @Test
  void aClosedPublisherRefusesToPublish() {
    Publisher publisher = new Publisher(broker.connection);
    publisher.close();
    assertThatThrownBy(() -> publisher.publish("", "q", OutgoingMessage.of(new byte[1], "c")))
        .isInstanceOf(IllegalStateException.class);
  }
}
