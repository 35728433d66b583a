package io.lega.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** No input bytes crash a consumer, and one codec serves many threads. */
class RobustnessTest {

  private final MessageCodec codec = MessageCodec.shared();

  @Test
  void randomBytesOnlyEverRaiseMalformedMessage() {
    Random random = new Random(20240601L);
    for (int i = 0; i < 2_000; i++) {
      byte[] body = new byte[random.nextInt(64)];
      random.nextBytes(body);

      assertDecodesOrIsMalformed(body);
    }
  }

  @Test
  void mutatedValidMessagesOnlyEverRaiseMalformedMessage() {
    Random random = new Random(42L);
    int rejected = 0;
    for (MessageType type : MessageType.values()) {
      byte[] valid = Samples.bytes(Samples.text(type));
      for (int i = 0; i < 150; i++) {
        byte[] body = valid.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
          body[random.nextInt(body.length)] = (byte) (32 + random.nextInt(95));
        }
        if (!assertDecodesOrIsMalformed(body)) {
          rejected++;
        }
      }
    }
    assertThat(rejected).as("most mutations break a message").isGreaterThan(1_000);
  }

  @Test
  void deeplyNestedJsonIsMalformedNotAStackOverflow() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    String body = "{\"type\":\"release\",\"dataset_id\":\"EGAD00000000001\",\"x\":" + deep + "}";

    MalformedMessageException e =
        Expect.malformed(() -> codec.decodeHubToNode(Samples.bytes(body)));

    assertThat(e.problem()).isEqualTo(MalformedMessageException.Problem.NOT_JSON);
    assertThat(e.getMessage()).contains("nesting depth");
  }

  @Test
  void oneCodecDecodesAndEncodesFromManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Integer>> jobs = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        jobs.add(
            () -> {
              int done = 0;
              for (int i = 0; i < 100; i++) {
                for (MessageType type : MessageType.values()) {
                  Message message = codec.decode(Samples.bytes(Samples.text(type)), type);
                  assertThat(codec.decode(codec.encode(message), type)).isEqualTo(message);
                  done++;
                }
              }
              return done;
            });
      }
      int total = 0;
      for (Future<Integer> result : pool.invokeAll(jobs)) {
        total += result.get();
      }
      assertThat(total).isEqualTo(4 * 100 * MessageType.values().length);
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void sharedCodecIsOneInstance() {
    assertThat(MessageCodec.shared()).isSameAs(MessageCodec.shared());
  }

  /** True if the body decoded; fails the test on anything but a MalformedMessageException. */
  private boolean assertDecodesOrIsMalformed(byte[] body) {
    Throwable hub = catchThrowable(() -> codec.decodeHubToNode(body));
    Throwable inbox = catchThrowable(() -> codec.decodeInbox(body));
    Throwable verified = catchThrowable(() -> codec.decodeNodeToHub("files.verified", body));
    for (Throwable thrown : List.of(nullSafe(hub), nullSafe(inbox), nullSafe(verified))) {
      assertThat(thrown).isInstanceOfAny(MalformedMessageException.class, NoError.class);
      if (thrown instanceof MalformedMessageException m) {
        assertThat(m.getMessage()).isNotBlank();
      }
    }
    return hub == null || inbox == null || verified == null;
  }

  private static Throwable nullSafe(Throwable thrown) {
    return thrown == null ? new NoError() : thrown;
  }

  private static final class NoError extends Throwable {}
}
