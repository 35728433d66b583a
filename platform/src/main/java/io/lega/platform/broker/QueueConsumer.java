package io.lega.platform.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;
import io.lega.contracts.MalformedMessageException;
import io.lega.platform.error.SystemErrorException;
import io.lega.platform.error.UserErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Consumes one queue: the one place that acknowledges messages.
 *
 * <p>Handlers return (or throw); this class turns the outcome into what the protocol asks for:
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>outcome</th><th>what happens</th></tr>
 *   <tr><td>the handler returns</td><td>acknowledge (after the work is durable)</td></tr>
 *   <tr><td>{@link UserErrorException}</td><td>{@link UserErrorReporter#report}, then acknowledge;
 *       never retried (a failing reporter counts as a system error)</td></tr>
 *   <tr><td>any other exception</td><td>attempt &lt; maxAttempts: after an exponential back-off,
 *       publish a copy to the same queue with {@value MessageHeaders#ATTEMPT} = attempt + 1, then
 *       acknowledge the original (unacknowledged meanwhile, so a crash loses nothing); otherwise
 *       publish it to the quarantine queue with the exception in headers, then acknowledge</td></tr>
 *   <tr><td>the decoder fails ({@link MalformedMessageException} or any exception), or the handler
 *       throws {@link MalformedMessageException}</td><td>publish the original bytes to the
 *       quarantine queue with the reason in headers, then acknowledge</td></tr>
 * </table>
 *
 * <p>Every copy (retry or quarantine) is published through the {@link Publisher} and must be
 * confirmed before the original is acknowledged; if it is not, the original is requeued (nack)
 * after the initial back-off, so a message is never lost and never dropped.
 *
 * <p>Up to {@link BrokerSettings#prefetch()} messages are handled at once, on the consumer's own
 * worker threads (each handler runs on one and returns when its work is durable). The outcome is
 * settled by {@link Settlement}; {@link Subscription} keeps the channel consuming. Acknowledgements
 * from those threads are serialized on the channel. While a message waits for its retry it still
 * counts against the prefetch. The correlation id, file id, queue and (with {@link
 * Consumption#userOf}) user are in the logging MDC ({@link LogContext}) while a message is handled.
 * If the broker closes the channel or cancels the consumer, a new channel is opened and consuming
 * resumes, with back-off; a lost connection is recovered by the client.
 *
 * @param <T> the decoded message type
 */
public final class QueueConsumer<T> implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(QueueConsumer.class);

  private final Consumption<T> consumption;
  private final String queue;
  private final BrokerSettings settings;
  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Subscription subscription;
  private final Settlement<T> settlement;
  private final Object idle = new Object();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean running;

  /**
   * A consumer, not started yet.
   *
   * @param connection the connection to consume on
   * @param publisher the publisher for retried and quarantined copies
   * @param consumption the queue, decoder, handler, reporter and the rest
   */
  QueueConsumer(BrokerConnection connection, Publisher publisher, Consumption<T> consumption) {
    this.consumption = consumption;
    this.queue = consumption.queue();
    this.settings = Objects.requireNonNullElse(consumption.settings(), connection.settings());
    this.workers = ConsumerThreads.workers(queue, settings.prefetch());
    this.scheduler = ConsumerThreads.scheduler(queue);
    this.subscription =
        new Subscription(connection, queue, settings, scheduler, this::deliver, () -> running);
    this.settlement =
        new Settlement<>(
            Objects.requireNonNull(publisher, "publisher"),
            consumption,
            settings,
            scheduler,
            workers,
            subscription.lock());
  }

  /**
   * Starts consuming.
   *
   * @throws SystemErrorException if the queue cannot be consumed (broker down, queue missing)
   * @throws IllegalStateException if started before
   */
  public void start() {
    if (!started.compareAndSet(false, true)) {
      throw new IllegalStateException("consumer of " + queue + " was started before");
    }
    running = true;
    try {
      subscription.subscribe();
    } catch (IOException | RuntimeException e) {
      running = false;
      shutdownExecutors();
      throw new SystemErrorException("cannot consume queue " + queue + ": " + e, e);
    }
    LOG.infof(
        "consuming queue %s (prefetch %d, up to %d attempts, back-off %s to %s, quarantine %s)",
        queue,
        settings.prefetch(),
        settings.maxAttempts(),
        settings.initialBackoff(),
        settings.maxBackoff(),
        consumption.quarantineQueue());
  }

  /** Whether the consumer is started and not closed. */
  public boolean isRunning() {
    return running;
  }

  /** The queue consumed. */
  public String queue() {
    return queue;
  }

  /** How many deliveries are being handled right now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** The channel consumed on now (tests provoke channel errors with it). */
  Channel channelForTests() {
    return subscription.channel();
  }

  /** How often the consumer tried to consume again after losing its channel. */
  int resubscribeAttemptsForTests() {
    return subscription.resubscribeAttempts();
  }

  /** Runs a task on the worker threads (tests check what a worker thread's MDC holds). */
  void runOnWorkerForTests(Runnable task) {
    workers.execute(task);
  }

  /** A delivery, on the client's dispatch thread: handed to the workers. */
  private void deliver(
      Channel channel, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    if (!running) {
      return; // left unacknowledged: the broker requeues it when the channel closes
    }
    MessageContext context =
        new MessageContext(
            properties.getCorrelationId(),
            queue,
            MessageHeaders.attempt(properties.getHeaders()),
            properties.getMessageId(),
            MessageHeaders.readable(properties.getHeaders()),
            envelope.isRedeliver());
    Delivery delivery = new Delivery(channel, envelope, properties, body, context);
    inFlight.incrementAndGet();
    try {
      workers.execute(() -> process(delivery));
    } catch (RejectedExecutionException e) {
      done();
    }
  }

  /** Decodes, hands the message to the handler and settles the outcome; then {@link #done()}. */
  private void process(Delivery delivery) {
    MessageContext context = delivery.context();
    try (LogContext log = LogContext.open(context.correlationId(), queue, null)) {
      LOG.debugf(
          "received message %s (attempt %d%s): %s",
          context.messageId(),
          context.attempt(),
          context.redelivered() ? ", redelivered" : "",
          new String(delivery.body(), StandardCharsets.UTF_8));
      T message;
      try {
        message = consumption.decoder().decode(delivery.body());
        if (message == null) {
          throw new MalformedMessageException("the decoder made nothing of the body");
        }
      } catch (RuntimeException e) {
        settlement.quarantine(delivery, MessageHeaders.MALFORMED, e);
        return;
      } catch (StackOverflowError e) {
        settlement.quarantine(
            delivery, MessageHeaders.MALFORMED, new MalformedMessageException("too deep", e));
        return;
      }
      String user = userOf(message);
      log.user(user);
      Throwable failure = null;
      try {
        consumption.handler().handle(message, context);
      } catch (Exception | Error e) {
        // an assertion or linkage error in a handler is a bug: retry and quarantine, never crash
        failure = e;
      }
      settlement.settle(delivery, message, user, failure);
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "unexpected failure handling a message from %s; requeueing it", queue);
      settlement.requeueLater(delivery);
    } finally {
      done();
    }
  }

  private String userOf(T message) {
    if (consumption.userOf() == null) {
      return null;
    }
    try {
      return consumption.userOf().apply(message);
    } catch (RuntimeException e) {
      LOG.debugf("cannot tell the user of a message: %s", e);
      return null;
    }
  }

  private void done() {
    if (inFlight.decrementAndGet() <= 0) {
      synchronized (idle) {
        idle.notifyAll();
      }
    }
  }

  /**
   * Stops consuming, waits (up to the shutdown timeout) for messages being handled, and closes the
   * channel. Messages not acknowledged by then, including those waiting for a retry, go back to the
   * queue. Never throws.
   */
  @Override
  public void close() {
    if (!running) {
      shutdownExecutors();
      return;
    }
    running = false;
    subscription.cancel();
    scheduler.shutdown();
    long deadline = System.nanoTime() + consumption.shutdownTimeout().toNanos();
    synchronized (idle) {
      long left;
      while (inFlight.get() > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(idle, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    if (inFlight.get() > 0) {
      LOG.warnf(
          "closing the consumer of %s with %d message(s) still being handled; they are requeued",
          queue, inFlight.get());
    }
    shutdownExecutors();
    subscription.closeChannel();
    LOG.infof("stopped consuming %s", queue);
  }

  private void shutdownExecutors() {
    ConsumerThreads.shutdown(scheduler, workers);
  }
}
