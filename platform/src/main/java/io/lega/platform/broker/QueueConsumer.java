package io.lega.platform.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import io.lega.platform.error.MalformedMessageException;
import io.lega.platform.error.SystemErrorException;
import io.lega.platform.error.UserErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Consumes one queue: the one place that acknowledges messages.
 *
 * <p>Handlers return (or throw); this class turns the outcome into what the protocol asks for:
 *
 * <table>
 *   <caption>Outcomes</caption>
 *   <tr><th>outcome</th><th>what happens</th></tr>
 *   <tr><td>the handler's stage completes</td><td>acknowledge (after the work is durable)</td></tr>
 *   <tr><td>{@link UserErrorException}</td><td>{@link UserErrorReporter#report}, then acknowledge;
 *       never retried (a failing reporter counts as a system error)</td></tr>
 *   <tr><td>any other exception</td><td>attempt &lt; maxAttempts: after an exponential back-off,
 *       publish a copy to the same queue with {@value MessageHeaders#ATTEMPT} = attempt + 1, then
 *       acknowledge the original (unacknowledged meanwhile, so a crash loses nothing); otherwise
 *       publish it to the quarantine queue with the exception in headers, then acknowledge</td></tr>
 *   <tr><td>the decoder fails ({@link MalformedMessageException} or any exception)</td><td>publish
 *       the original bytes to the quarantine queue with the reason in headers, then
 *       acknowledge</td></tr>
 * </table>
 *
 * <p>Every copy (retry or quarantine) is published through the {@link Publisher} and must be
 * confirmed before the original is acknowledged; if it is not, the original is requeued (nack)
 * after the initial back-off, so a message is never lost and never dropped.
 *
 * <p>Up to {@link BrokerSettings#prefetch()} messages are handled at once, on the consumer's own
 * worker threads. Acknowledgements from those threads are serialized on the channel. While a
 * message waits for its retry it still counts against the prefetch. The correlation id, file id,
 * queue and (with {@link Builder#userOf}) user are in the logging MDC ({@link LogContext}) while a
 * message is handled. If the broker closes the channel or cancels the consumer, a new channel is
 * opened and consuming resumes, with back-off; a lost connection is recovered by the client.
 *
 * @param <T> the decoded message type
 */
public final class QueueConsumer<T> implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(QueueConsumer.class);
  private static final int MAX_HEADER_TEXT = 1_000;
  private static final int MAX_STACK_TEXT = 2_000;
  private static final int STACK_FRAMES = 6;

  private final BrokerConnection connection;
  private final Publisher publisher;
  private final String queue;
  private final MessageDecoder<T> decoder;
  private final MessageHandler<T> handler;
  private final UserErrorReporter<? super T> reporter;
  private final Function<? super T, String> userOf;
  private final BrokerSettings settings;
  private final String quarantineQueue;
  private final Duration shutdownTimeout;
  private final List<Class<? extends Throwable>> malformedTypes;

  private final ThreadPoolExecutor workers;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Object channelLock = new Object();
  private final Object idle = new Object();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean resubscribeScheduled = new AtomicBoolean();
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicInteger resubscribeAttempts = new AtomicInteger();
  private volatile boolean running;
  private volatile Channel channel; // written under channelLock
  private volatile String consumerTag; // written under channelLock

  private QueueConsumer(Builder<T> builder) {
    this.connection = Objects.requireNonNull(builder.connection, "connection");
    this.publisher = Objects.requireNonNull(builder.publisher, "publisher");
    this.queue = builder.queue;
    this.decoder = builder.decoder;
    this.handler = builder.handler;
    this.reporter = Objects.requireNonNull(builder.reporter, "reporter");
    this.userOf = builder.userOf;
    this.settings = builder.settings != null ? builder.settings : connection.settings();
    this.quarantineQueue = builder.quarantineQueue;
    this.shutdownTimeout = builder.shutdownTimeout;
    this.malformedTypes = List.copyOf(builder.malformedTypes);
    int threads = settings.prefetch();
    this.workers =
        new ThreadPoolExecutor(
            threads,
            threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            threads("lega-consumer-" + queue));
    this.workers.allowCoreThreadTimeOut(true);
    this.scheduler = new ScheduledThreadPoolExecutor(1, threads("lega-retry-" + queue));
    this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.scheduler.setRemoveOnCancelPolicy(true);
  }

  /**
   * Starts describing a consumer.
   *
   * @param queue the queue to consume
   * @param decoder bytes to message (e.g. the contracts' codec)
   * @param handler the work for each message
   * @param <T> the decoded message type
   */
  public static <T> Builder<T> builder(
      String queue, MessageDecoder<T> decoder, MessageHandler<T> handler) {
    return new Builder<>(queue, decoder, handler);
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
      subscribe();
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
        quarantineQueue);
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
    return channel;
  }

  /** How often the consumer tried to consume again after losing its channel. */
  int resubscribeAttemptsForTests() {
    return resubscribeAttempts.get();
  }

  /** Runs a task on the worker threads (tests check what a worker thread's MDC holds). */
  void runOnWorkerForTests(Runnable task) {
    workers.execute(task);
  }

  private void subscribe() throws IOException {
    Channel fresh = connection.openChannel();
    try {
      fresh.basicQos(settings.prefetch());
      AtomicBoolean brokerClosed = new AtomicBoolean(); // the client may notify a listener twice
      fresh.addShutdownListener(
          cause -> {
            if (cause.isHardError() || cause.isInitiatedByApplication()) {
              channelShutDown(fresh, cause);
            } else if (brokerClosed.compareAndSet(false, true)) {
              channelShutDown(fresh, cause);
            }
          });
      synchronized (channelLock) {
        consumerTag = fresh.basicConsume(queue, false, new Deliveries(fresh));
        channel = fresh; // from now on its shutdown listener acts
      }
    } catch (IOException | RuntimeException e) {
      abortQuietly(fresh);
      throw e;
    }
    if (!fresh.isOpen()) { // closed before the listener could act on it
      scheduleResubscribe(2);
    }
  }

  /** The broker closed the channel (or the connection went away). */
  private void channelShutDown(Channel closed, ShutdownSignalException cause) {
    if (!running || closed != channel) {
      return;
    }
    if (cause.isInitiatedByApplication()) {
      LOG.infof("the channel or connection consuming %s was closed", queue);
    } else if (cause.isHardError()) {
      LOG.warnf(
          "connection lost while consuming %s (%s); the client recovers it and resumes",
          queue, cause.getMessage());
    } else {
      LOG.warnf(
          "the broker closed the channel consuming %s (%s); reopening", queue, cause.getMessage());
      scheduleResubscribe(1);
    }
  }

  private void scheduleResubscribe(int attempt) {
    if (!running || !resubscribeScheduled.compareAndSet(false, true)) {
      return;
    }
    Duration delay = attempt == 1 ? Duration.ZERO : settings.backoff(attempt - 1);
    try {
      scheduler.schedule(() -> resubscribe(attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      resubscribeScheduled.set(false);
    }
  }

  private void resubscribe(int attempt) {
    resubscribeScheduled.set(false);
    resubscribeAttempts.incrementAndGet();
    if (!running) {
      return;
    }
    Channel old;
    synchronized (channelLock) {
      old = channel;
      channel = null;
    }
    if (old != null) {
      abortQuietly(old);
    }
    try {
      subscribe();
      LOG.infof("resumed consuming %s", queue);
    } catch (IOException | RuntimeException e) {
      LOG.warnf("cannot consume %s yet (attempt %d): %s", queue, attempt, explain(e));
      scheduleResubscribe(attempt + 1);
    }
  }

  /** Receives deliveries on the client's dispatch thread and hands them to the workers. */
  private final class Deliveries extends DefaultConsumer {
    private final Channel deliveryChannel;

    Deliveries(Channel deliveryChannel) {
      super(deliveryChannel);
      this.deliveryChannel = deliveryChannel;
    }

    @Override
    public void handleDelivery(
        String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
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
      Delivery delivery = new Delivery(deliveryChannel, envelope, properties, body, context);
      inFlight.incrementAndGet();
      try {
        workers.execute(() -> process(delivery));
      } catch (RejectedExecutionException e) {
        done();
      }
    }

    @Override
    public void handleCancel(String tag) {
      if (running) {
        LOG.warnf("the broker cancelled the consumer of %s (queue deleted?); resubscribing", queue);
        scheduleResubscribe(2);
      }
    }

    @Override
    public void handleRecoverOk(String tag) {
      LOG.infof("consumer of %s recovered", queue);
    }
  }

  /** One delivery: the channel it came on (to acknowledge there), its properties and context. */
  private record Delivery(
      Channel channel,
      Envelope envelope,
      AMQP.BasicProperties properties,
      byte[] body,
      MessageContext context) {}

  /**
   * Decodes and hands the message to the handler; the outcome is settled when its stage completes.
   * Every path ends in exactly one {@link #done()}.
   */
  private void process(Delivery delivery) {
    MessageContext context = delivery.context();
    boolean settling = false;
    try (LogContext log = LogContext.open(context.correlationId(), queue, null)) {
      LOG.debugf(
          "received message %s (attempt %d%s): %s",
          context.messageId(),
          context.attempt(),
          context.redelivered() ? ", redelivered" : "",
          new String(delivery.body(), StandardCharsets.UTF_8));
      T message;
      try {
        message = decoder.decode(delivery.body());
        if (message == null) {
          throw new MalformedMessageException("the decoder made nothing of the body");
        }
      } catch (RuntimeException e) {
        quarantine(delivery, MessageHeaders.MALFORMED, e);
        return;
      } catch (StackOverflowError e) {
        quarantine(
            delivery, MessageHeaders.MALFORMED, new MalformedMessageException("too deep", e));
        return;
      }
      String user = userOf(message);
      log.user(user);
      CompletionStage<Void> stage;
      try {
        stage = handler.handle(message, context);
        if (stage == null) {
          stage =
              CompletableFuture.failedFuture(
                  new SystemErrorException("the handler returned no completion stage"));
        }
      } catch (Exception e) {
        stage = CompletableFuture.failedFuture(e);
      } catch (Error e) {
        // an assertion or linkage error in a handler is a bug: retry and quarantine, never crash
        stage = CompletableFuture.failedFuture(e);
      }
      settling = true;
      stage.whenComplete(
          (ignored, failure) -> onWorker(() -> settle(delivery, message, user, failure)));
    } catch (RuntimeException | Error e) {
      if (!settling) {
        LOG.errorf(e, "unexpected failure handling a message from %s; requeueing it", queue);
        requeueLater(delivery);
      }
    } finally {
      if (!settling) {
        done();
      }
    }
  }

  private boolean isMalformed(Throwable cause) {
    return cause instanceof MalformedMessageException
        || malformedTypes.stream().anyMatch(type -> type.isInstance(cause));
  }

  private String userOf(T message) {
    if (userOf == null) {
      return null;
    }
    try {
      return userOf.apply(message);
    } catch (RuntimeException e) {
      LOG.debugf("cannot tell the user of a message: %s", e);
      return null;
    }
  }

  /** Runs outcome handling on the workers, or inline once they are shut down. */
  private void onWorker(Runnable task) {
    try {
      workers.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  private void settle(Delivery delivery, T message, String user, Throwable failure) {
    MessageContext context = delivery.context();
    try (LogContext log = LogContext.open(context.correlationId(), queue, user)) {
      Throwable cause = unwrap(failure);
      if (cause == null) {
        LOG.debugf("handled message %s", context.messageId());
        ack(delivery);
      } else if (cause instanceof UserErrorException userError) {
        reportUserError(delivery, message, user, userError);
      } else if (isMalformed(cause)) {
        quarantine(delivery, MessageHeaders.MALFORMED, cause);
      } else {
        systemError(delivery, user, cause);
      }
    } catch (RuntimeException | Error e) {
      LOG.errorf(e, "unexpected failure settling a message from %s; requeueing it", queue);
      requeueLater(delivery);
    } finally {
      done();
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

  private void quarantine(Delivery delivery, String failure, Throwable cause) {
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
      headers.put(MessageHeaders.STACK, stackSummary(cause));
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
  private void requeueLater(Delivery delivery) {
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
    synchronized (channelLock) {
      Channel current = channel;
      String tag = consumerTag;
      if (current != null && tag != null && current.isOpen()) {
        try {
          current.basicCancel(tag);
        } catch (IOException | RuntimeException e) {
          LOG.debugf("cancelling the consumer of %s: %s", queue, e);
        }
      }
    }
    scheduler.shutdown();
    long deadline = System.nanoTime() + shutdownTimeout.toNanos();
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
    synchronized (channelLock) {
      Channel current = channel;
      if (current != null) {
        try {
          if (current.isOpen()) {
            current.close();
          }
        } catch (IOException | TimeoutException | RuntimeException e) {
          LOG.debugf("closing the channel of %s: %s", queue, e);
        } finally {
          abortQuietly(current);
        }
      }
    }
    LOG.infof("stopped consuming %s", queue);
  }

  private void shutdownExecutors() {
    scheduler.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      workers.shutdownNow();
    }
  }

  private static Map<String, Object> copyHeaders(Delivery delivery) {
    Map<String, Object> original = delivery.properties().getHeaders();
    return original == null ? new HashMap<>() : new HashMap<>(original);
  }

  private static void putIfPresent(Map<String, Object> headers, String key, String value) {
    if (value != null && !value.isEmpty()) {
      headers.put(key, value);
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * The exception, or its cause when it has no message (the client's IOException wrapping a close).
   */
  private static String explain(Throwable e) {
    return e.getMessage() == null && e.getCause() != null
        ? e.getCause().getMessage()
        : e.toString();
  }

  private static String describe(Throwable cause) {
    return cause.getClass().getName() + ": " + cause.getMessage();
  }

  /** The exception, its first frames, and its causes' first lines. */
  static String stackSummary(Throwable cause) {
    StringBuilder text = new StringBuilder();
    Throwable current = cause;
    for (int depth = 0; current != null && depth < 4; depth++, current = current.getCause()) {
      if (depth > 0) {
        text.append("\ncaused by: ");
      }
      text.append(describe(current));
      StackTraceElement[] frames = current.getStackTrace();
      for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
        text.append("\n  at ").append(frames[i]);
      }
      if (current.getCause() == current) {
        break;
      }
    }
    return shorten(text.toString(), MAX_STACK_TEXT);
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }

  private static void abortQuietly(Channel channel) {
    try {
      channel.abort();
    } catch (IOException | RuntimeException e) {
      LOG.tracef("aborting a channel: %s", e);
    }
  }

  private static ThreadFactory threads(String prefix) {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * Describes a {@link QueueConsumer}.
   *
   * @param <T> the decoded message type
   */
  public static final class Builder<T> {
    private final String queue;
    private final MessageDecoder<T> decoder;
    private final MessageHandler<T> handler;
    private BrokerConnection connection;
    private Publisher publisher;
    private UserErrorReporter<? super T> reporter;
    private Function<? super T, String> userOf;
    private BrokerSettings settings;
    private String quarantineQueue = "error";
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private final List<Class<? extends Throwable>> malformedTypes = new ArrayList<>();

    private Builder(String queue, MessageDecoder<T> decoder, MessageHandler<T> handler) {
      this.queue = Objects.requireNonNull(queue, "queue");
      if (queue.isBlank()) {
        throw new IllegalArgumentException("queue must not be blank");
      }
      this.decoder = Objects.requireNonNull(decoder, "decoder");
      this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** The connection to consume on (required). */
    public Builder<T> connection(BrokerConnection value) {
      this.connection = Objects.requireNonNull(value, "connection");
      return this;
    }

    /** The publisher for retried and quarantined copies (required). */
    public Builder<T> publisher(Publisher value) {
      this.publisher = Objects.requireNonNull(value, "publisher");
      return this;
    }

    /** What to do with a user error (required): record it and publish {@code files.error}. */
    public Builder<T> reporter(UserErrorReporter<? super T> value) {
      this.reporter = Objects.requireNonNull(value, "reporter");
      return this;
    }

    /** Tells the submitter of a decoded message, for the logging MDC (optional). */
    public Builder<T> userOf(Function<? super T, String> value) {
      this.userOf = Objects.requireNonNull(value, "userOf");
      return this;
    }

    /** Prefetch, attempts and back-off (default: the connection's settings). */
    public Builder<T> settings(BrokerSettings value) {
      this.settings = Objects.requireNonNull(value, "settings");
      return this;
    }

    /** The quarantine queue (default {@code error}, the node's; the hub uses its own). */
    public Builder<T> quarantineQueue(String value) {
      Objects.requireNonNull(value, "quarantineQueue");
      if (value.isBlank()) {
        throw new IllegalArgumentException("quarantineQueue must not be blank");
      }
      this.quarantineQueue = value;
      return this;
    }

    /**
     * Another exception type that, thrown by the handler, means the message is malformed
     * (quarantined at once, not retried), such as the contracts module's {@code
     * MalformedMessageException} when a handler decodes a nested message itself. The decoder's
     * exceptions always mean malformed; {@link MalformedMessageException} always does.
     */
    public Builder<T> alsoMalformed(Class<? extends Throwable> type) {
      malformedTypes.add(Objects.requireNonNull(type, "type"));
      return this;
    }

    /** How long {@link QueueConsumer#close()} waits for messages being handled (default 30 s). */
    public Builder<T> shutdownTimeout(Duration value) {
      Objects.requireNonNull(value, "shutdownTimeout");
      if (value.isNegative()) {
        throw new IllegalArgumentException("shutdownTimeout must not be negative");
      }
      this.shutdownTimeout = value;
      return this;
    }

    /**
     * The consumer, not started yet.
     *
     * @throws NullPointerException if the connection, publisher or reporter is missing
     */
    public QueueConsumer<T> build() {
      return new QueueConsumer<>(this);
    }
  }
}
