package io.lega.platform.broker;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a {@link QueueConsumer} consumes and how; {@link Broker#consume} adds the connection and the
 * publisher and starts it.
 *
 * @param queue the queue to consume
 * @param decoder bytes to message (e.g. the contracts' codec)
 * @param handler the work for each message
 * @param reporter what to do with a user error: record it and publish {@code files.error}
 * @param userOf tells the submitter of a decoded message, for the logging MDC ({@code null}: none)
 * @param quarantineQueue the quarantine queue ({@code error}, the node's; the hub uses its own)
 * @param settings prefetch, attempts and back-off ({@code null}: the connection's settings)
 * @param shutdownTimeout how long {@link QueueConsumer#close()} waits for messages being handled
 * @param <T> the decoded message type
 */
public record Consumption<T>(
    String queue,
    MessageDecoder<T> decoder,
    MessageHandler<T> handler,
    UserErrorReporter<? super T> reporter,
    Function<? super T, String> userOf,
    String quarantineQueue,
    BrokerSettings settings,
    Duration shutdownTimeout) {

  /** How long {@link QueueConsumer#close()} waits by default: 30 s. */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  /** Checks that every part but {@code userOf} and {@code settings} is there. */
  public Consumption {
    requireText(queue, "queue");
    Objects.requireNonNull(decoder, "decoder");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(reporter, "reporter");
    requireText(quarantineQueue, "quarantineQueue");
    if (Objects.requireNonNull(shutdownTimeout, "shutdownTimeout").isNegative()) {
      throw new IllegalArgumentException("shutdownTimeout must not be negative");
    }
  }

  /** A consumption with the connection's settings and the default shutdown timeout. */
  public Consumption(
      String queue,
      MessageDecoder<T> decoder,
      MessageHandler<T> handler,
      UserErrorReporter<? super T> reporter,
      Function<? super T, String> userOf,
      String quarantineQueue) {
    this(
        queue, decoder, handler, reporter, userOf, quarantineQueue, null, DEFAULT_SHUTDOWN_TIMEOUT);
  }

  private static void requireText(String value, String what) {
    if (Objects.requireNonNull(value, what).isBlank()) {
      throw new IllegalArgumentException(what + " must not be blank");
    }
  }
}
