package io.lega.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BrokerSettingsTest {

  private static final BrokerSettings BASE = retry(5, Duration.ofSeconds(1), Duration.ofMinutes(1));

  private static BrokerSettings retry(int maxAttempts, Duration initial, Duration max) {
    return new BrokerSettings(
        "rabbit",
        5672,
        "lega",
        "s3cret",
        "/",
        false,
        10,
        maxAttempts,
        initial,
        max,
        Duration.ofSeconds(10));
  }

  @Test
  void toStringHidesThePassword() {
    assertThat(BASE.toString()).doesNotContain("s3cret").contains("password=***", "host=rabbit");
  }

  @Test
  void reportsEveryProblemAtOnce() {
    assertThatThrownBy(
            () ->
                new BrokerSettings(
                    " ", 0, "", null, "", false, 0, 0, Duration.ZERO, Duration.ofSeconds(-1), null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host must not be blank")
        .hasMessageContaining("port must be between 1 and 65535 (was 0)")
        .hasMessageContaining("username must not be blank")
        .hasMessageContaining("password must not be null")
        .hasMessageContaining("virtualHost must not be blank")
        .hasMessageContaining("prefetch must be between 1 and 65535 (was 0)")
        .hasMessageContaining("maxAttempts must be at least 1 (was 0)")
        .hasMessageContaining("initialBackoff must be a positive duration")
        .hasMessageContaining("maxBackoff must be a positive duration")
        .hasMessageContaining("confirmTimeout must be a positive duration");
  }

  @Test
  void maxBackoffMayNotBeShorterThanInitial() {
    assertThatThrownBy(() -> retry(3, Duration.ofSeconds(5), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxBackoff (PT1S) must not be shorter than initialBackoff (PT5S)");
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    BrokerSettings settings = retry(10, Duration.ofMillis(100), Duration.ofMillis(500));
    assertThat(settings.backoff(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(settings.backoff(2)).isEqualTo(Duration.ofMillis(200));
    assertThat(settings.backoff(3)).isEqualTo(Duration.ofMillis(400));
    assertThat(settings.backoff(4)).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.backoff(1_000)).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void withPrefetchKeepsTheOtherFields() {
    BrokerSettings changed = BASE.withPrefetch(3);
    assertThat(changed.prefetch()).isEqualTo(3);
    assertThat(changed.password()).isEqualTo("s3cret");
    assertThat(changed.host()).isEqualTo("rabbit");
    assertThat(changed.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> BASE.withPrefetch(0))
        .hasMessageContaining("prefetch must be between 1 and 65535 (was 0)");
  }
}
