package io.lega.platform.broker;

import static io.lega.platform.broker.FailureText.MAX_HEADER_TEXT;
import static io.lega.platform.broker.FailureText.copyHeaders;
import static io.lega.platform.broker.FailureText.describe;
import static io.lega.platform.broker.FailureText.putIfPresent;
import static io.lega.platform.broker.FailureText.shorten;

import io.lega.contracts.MalformedMessageException;
import io.lega.platform.error.UserErrorException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * What {@link QueueConsumer} does with a delivery once its outcome is known (ADR 0002): acknowledge
 * it; report a user error and acknowledge; retry a system error by publishing a copy with the next
 * attempt number after a back-off, or quarantine it after the last attempt; quarantine a malformed
 * message at once. Every copy must be confirmed before the original is acknowledged; if it is not,
 * the original is requeued after the initial back-off.
 *
 * @param <T> the decoded message type
 */
final class Settlement<T> {

  private static final Logger LOG = Logger.getLogger(QueueConsumer.class);

  private final Publisher publisher;
  private final UserErrorReporter<? super T> reporter;
  private final String queue;
  private final String quarantineQueue;
  private final BrokerSettings settings;
  private final ScheduledExecutorService scheduler;
  private final Executor workers;
  private final Object channelLock;

  /**
   * @param consumption the queue, its reporter and its quarantine queue
   * @param settings the consumer's attempts and back-off
   * @param workers where a retry is published once its back-off has passed
   * @param channelLock held while acknowledging, as while the consumer changes channels
   */
  Settlement(
      Publisher publisher,
      Consumption<T> consumption,
      BrokerSettings settings,
      ScheduledExecutorService scheduler,
      Executor workers,
      Object channelLock) {
    this.publisher = publisher;
    this.reporter = consumption.reporter();
    this.queue = consumption.queue();
    this.quarantineQueue = consumption.quarantineQueue();
    this.settings = settings;
    this.scheduler = scheduler;
    this.workers = workers;
    this.channelLock = channelLock;
  }

  /** Settles a handled message: {@code failure} is what the handler threw, or {@code null}. */
  void settle(Delivery delivery, T message, String user, Throwable failure) {
    try {
      Throwable cause = FailureText.unwrap(failure);
      if (cause == null) {
        LOG.debugf("handled message %s", delivery.context().messageId());
        ack(delivery);
      } else if (cause instanceof UserErrorException userError) {
        reportUserError(delivery, message, user, userError);
      } else if (cause instanceof MalformedMessageException) {
        quarantine(delivery, MessageHeaders.MALFORMED, cause);
      } else {
        systemError(delivery, user, cause);
      }
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "unexpected failure settling a message from %s; requeueing it", queue);
      requeueLater(delivery);
    }
  }

  private void reportUserError(
      Delivery delivery, T message, String user, UserErrorException userError) {
    try {
      reporter.report(userError, message, delivery.context());
    } catch (Exception | Error e) {
      LOG.errorf(
          e, "reporting a user error failed (%s); handling it as a system error", e.toString());
      if (e != userError) {
        e.addSuppressed(userError);
      }
      systemError(delivery, user, e);
      return;
    }
    LOG.infof("user error reported: %s", userError.reason());
    ack(delivery);
  }

  private void systemError(Delivery delivery, String user, Throwable cause) {
    int attempt = delivery.context().attempt();
    if (attempt >= settings.maxAttempts()) {
      LOG.errorf(
          cause,
          "attempt %d of %d failed: %s; quarantining the message in %s",
          attempt,
          settings.maxAttempts(),
          cause.toString(),
          quarantineQueue);
      quarantine(delivery, MessageHeaders.SYSTEM_ERROR, cause);
      return;
    }
    Duration delay = settings.backoff(attempt);
    LOG.warnf(
        "attempt %d of %d failed: %s; retrying in %s",
        attempt, settings.maxAttempts(), cause.toString(), delay);
    LOG.debugf(cause, "attempt %d failed", attempt);
    try {
      scheduler.schedule(
          () -> onWorker(() -> retry(delivery, cause, user)),
          delay.toMillis(),
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.infof("closing: message %s is requeued instead", delivery.context().messageId());
    }
  }

  /** Runs a retry on the workers, or inline once they are shut down. */
  private void onWorker(Runnable task) {
    try {
      workers.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  private void retry(Delivery delivery, Throwable cause, String user) {
    MessageContext context = delivery.context();
    try (LogContext log = LogContext.open(context.correlationId(), queue, user)) {
      Map<String, Object> headers = copyHeaders(delivery);
      headers.put(MessageHeaders.ATTEMPT, context.attempt() + 1);
      headers.put(MessageHeaders.LAST_ERROR, shorten(describe(cause), MAX_HEADER_TEXT));
      try {
        publisher.publish(
            "",
            queue,
            new OutgoingMessage(
                delivery.body(), context.correlationId(), headers, context.messageId()));
      } catch (RuntimeException e) {
        LOG.errorf("cannot publish the retry of %s (%s); requeueing it", context.messageId(), e);
        requeueLater(delivery);
        return;
      }
      ack(delivery);
    }
  }

  /** Parks the message in the quarantine queue with the failure in its headers, then acks it. */
  void quarantine(Delivery delivery, String failure, Throwable cause) {
    MessageContext context = delivery.context();
    if (MessageHeaders.MALFORMED.equals(failure)) {
      LOG.errorf(
          "malformed message %s from %s: %s; quarantining it in %s",
          context.messageId(), queue, cause.getMessage(), quarantineQueue);
    }
    Map<String, Object> headers = copyHeaders(delivery);
    headers.put(MessageHeaders.FAILURE, failure);
    headers.put(MessageHeaders.SOURCE_QUEUE, queue);
    headers.put(MessageHeaders.ATTEMPT, context.attempt());
    headers.put(
        MessageHeaders.REASON, shorten(String.valueOf(cause.getMessage()), MAX_HEADER_TEXT));
    headers.put(MessageHeaders.EXCEPTION, cause.getClass().getName());
    headers.put(MessageHeaders.QUARANTINED_AT, Instant.now().toString());
    if (MessageHeaders.SYSTEM_ERROR.equals(failure)) {
      headers.put(MessageHeaders.STACK, FailureText.stackSummary(cause));
    }
    putIfPresent(headers, MessageHeaders.ORIGINAL_MESSAGE_ID, context.messageId());
    putIfPresent(headers, MessageHeaders.ORIGINAL_EXCHANGE, delivery.envelope().getExchange());
    putIfPresent(headers, MessageHeaders.ORIGINAL_ROUTING_KEY, delivery.envelope().getRoutingKey());
    putIfPresent(
        headers, MessageHeaders.ORIGINAL_CONTENT_TYPE, delivery.properties().getContentType());
    try {
      publisher.publish(
          "",
          quarantineQueue,
          new OutgoingMessage(delivery.body(), context.correlationId(), headers, null));
    } catch (RuntimeException e) {
      LOG.errorf(
          "cannot quarantine message %s in %s (%s); requeueing it",
          context.messageId(), quarantineQueue, e);
      requeueLater(delivery);
      return;
    }
    ack(delivery);
  }

  /** Acknowledges on the channel the delivery came on. */
  private void ack(Delivery delivery) {
    try {
      synchronized (channelLock) {
        if (delivery.channel().isOpen()) {
          delivery.channel().basicAck(delivery.envelope().getDeliveryTag(), false);
        } else {
          LOG.warnf(
              "channel closed before message %s was acknowledged; the broker delivers it again",
              delivery.context().messageId());
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warnf(
          "cannot acknowledge message %s (%s); the broker delivers it again",
          delivery.context().messageId(), e.toString());
    }
  }

  /** Gives a message that could not be settled back to the queue after the initial back-off. */
  void requeueLater(Delivery delivery) {
    Runnable nack =
        () -> {
          try {
            synchronized (channelLock) {
              if (delivery.channel().isOpen()) {
                delivery.channel().basicNack(delivery.envelope().getDeliveryTag(), false, true);
              }
            }
          } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot requeue message %s: %s", delivery.context().messageId(), e);
          }
        };
    try {
      scheduler.schedule(nack, settings.initialBackoff().toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // closing: the channel closes next and the broker requeues the message
    }
  }
}
