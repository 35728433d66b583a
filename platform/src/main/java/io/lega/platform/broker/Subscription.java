package io.lega.platform.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Keeps one channel consuming a queue for a {@link QueueConsumer}: opens it with the prefetch, and
 * if the broker closes the channel or cancels the consumer, opens a new one and consumes again,
 * with back-off (a lost connection is recovered by the client itself). Deliveries go to the {@link
 * Sink} on the client's dispatch thread.
 */
final class Subscription {

  private static final Logger LOG = Logger.getLogger(QueueConsumer.class);

  /** Receives each delivery, with the channel it came on. */
  @FunctionalInterface
  interface Sink {
    void deliver(Channel channel, Envelope envelope, AMQP.BasicProperties properties, byte[] body);
  }

  private final BrokerConnection connection;
  private final String queue;
  private final BrokerSettings settings;
  private final ScheduledExecutorService scheduler;
  private final Sink sink;
  private final BooleanSupplier running;
  private final Object lock = new Object();
  private final AtomicBoolean resubscribeScheduled = new AtomicBoolean();
  private final AtomicInteger resubscribeAttempts = new AtomicInteger();
  private volatile Channel channel; // written under lock
  private volatile String consumerTag; // written under lock

  Subscription(
      BrokerConnection connection,
      String queue,
      BrokerSettings settings,
      ScheduledExecutorService scheduler,
      Sink sink,
      BooleanSupplier running) {
    this.connection = connection;
    this.queue = queue;
    this.settings = settings;
    this.scheduler = scheduler;
    this.sink = sink;
    this.running = running;
  }

  /** Held while the channel changes, and by whoever acknowledges on it. */
  Object lock() {
    return lock;
  }

  /** The channel consumed on now. */
  Channel channel() {
    return channel;
  }

  /** How often it tried to consume again after losing its channel. */
  int resubscribeAttempts() {
    return resubscribeAttempts.get();
  }

  /** Opens a channel and consumes on it. */
  void subscribe() throws IOException {
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
      synchronized (lock) {
        consumerTag = fresh.basicConsume(queue, false, new Deliveries(fresh));
        channel = fresh; // from now on its shutdown listener acts
      }
    } catch (IOException | RuntimeException e) {
      BrokerConnection.abortQuietly(fresh);
      throw e;
    }
    if (!fresh.isOpen()) { // closed before the listener could act on it
      scheduleResubscribe(2);
    }
  }

  /** The broker closed the channel (or the connection went away). */
  private void channelShutDown(Channel closed, ShutdownSignalException cause) {
    if (!running.getAsBoolean() || closed != channel) {
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
    if (!running.getAsBoolean() || !resubscribeScheduled.compareAndSet(false, true)) {
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
    if (!running.getAsBoolean()) {
      return;
    }
    Channel old;
    synchronized (lock) {
      old = channel;
      channel = null;
    }
    if (old != null) {
      BrokerConnection.abortQuietly(old);
    }
    try {
      subscribe();
      LOG.infof("resumed consuming %s", queue);
    } catch (IOException | RuntimeException e) {
      LOG.warnf("cannot consume %s yet (attempt %d): %s", queue, attempt, FailureText.explain(e));
      scheduleResubscribe(attempt + 1);
    }
  }

  /** Stops the broker's deliveries (the channel stays open for acknowledgements). */
  void cancel() {
    synchronized (lock) {
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
  }

  /** Closes the channel: what is not acknowledged by now goes back to the queue. */
  void closeChannel() {
    synchronized (lock) {
      if (channel != null) {
        BrokerConnection.closeQuietly(channel, "channel of " + queue);
      }
    }
  }

  /** Receives deliveries on the client's dispatch thread and hands them to the sink. */
  private final class Deliveries extends DefaultConsumer {
    private final Channel deliveryChannel;

    Deliveries(Channel deliveryChannel) {
      super(deliveryChannel);
      this.deliveryChannel = deliveryChannel;
    }

    @Override
    public void handleDelivery(
        String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
      sink.deliver(deliveryChannel, envelope, properties, body);
    }

    @Override
    public void handleCancel(String tag) {
      if (running.getAsBoolean()) {
        LOG.warnf("the broker cancelled the consumer of %s (queue deleted?); resubscribing", queue);
        scheduleResubscribe(2);
      }
    }

    @Override
    public void handleRecoverOk(String tag) {
      LOG.infof("consumer of %s recovered", queue);
    }
  }
}
