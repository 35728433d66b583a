package io.lega.platform.broker;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ShutdownSignalException;
import io.lega.platform.broker.PublishNotConfirmedException.Reason;
import io.lega.platform.error.SystemErrorException;
import java.io.IOException;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Publishes messages and waits until the broker has taken responsibility for each one.
 *
 * <p>Every message goes out persistent ({@code delivery_mode=2}), with {@code
 * content_type=application/json}, its correlation id, a message id and a timestamp, and {@code
 * mandatory}: a message that no queue receives comes back and counts as a failure. {@link #publish}
 * returns only once the broker has confirmed the message; a nack, a return, a closed channel or no
 * confirm within the timeout throws {@link PublishNotConfirmedException}. Nothing is lost silently.
 *
 * <p>Thread-safe: publishes from many threads share one channel in confirm mode; only the sending
 * itself is serialized, the waits for confirms overlap. If the broker closes the channel (for
 * instance after a publish to an exchange that does not exist), the next publish opens a new one.
 * Never call {@link #publish} from a broker callback thread (it would wait for a confirm that the
 * same thread has to deliver); {@link QueueConsumer} runs handlers on its own threads.
 */
public final class Publisher implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Publisher.class);
  private static final String CONTENT_TYPE = "application/json";
  private static final int PERSISTENT = 2;

  private final BrokerConnection connection;
  private final Duration confirmTimeout;
  private final ReentrantLock lock = new ReentrantLock();
  private Session session; // guarded by lock
  private volatile boolean closed;

  /** A publisher that waits {@link BrokerSettings#confirmTimeout()} for each confirm. */
  public Publisher(BrokerConnection connection) {
    this(connection, connection.settings().confirmTimeout());
  }

  /**
   * @param connection the connection to publish on (a channel is opened on first use)
   * @param confirmTimeout how long each publish waits for the broker's confirm
   */
  public Publisher(BrokerConnection connection, Duration confirmTimeout) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.confirmTimeout = Objects.requireNonNull(confirmTimeout, "confirmTimeout");
    if (confirmTimeout.isNegative() || confirmTimeout.isZero()) {
      throw new IllegalArgumentException("confirmTimeout must be positive");
    }
  }

  /**
   * Publishes one message and waits for the broker's confirm.
   *
   * @param exchange the exchange ({@code ""} for the default exchange, which routes to the queue
   *     named by the routing key)
   * @param routingKey the routing key
   * @param message body, correlation id, headers
   * @return the message id the message was published with
   * @throws PublishNotConfirmedException if the broker did not confirm the message
   * @throws IllegalStateException if this publisher is closed
   */
  public String publish(String exchange, String routingKey, OutgoingMessage message) {
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(routingKey, "routingKey");
    Objects.requireNonNull(message, "message");
    String messageId =
        message.messageId() != null ? message.messageId() : UUID.randomUUID().toString();
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder()
            .contentType(CONTENT_TYPE)
            .deliveryMode(PERSISTENT)
            .correlationId(message.correlationId())
            .messageId(messageId)
            .timestamp(new Date())
            .headers(message.headers().isEmpty() ? null : new HashMap<>(message.headers()))
            .build();

    Pending pending;
    Session current;
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("publisher is closed");
      }
      try {
        current = session();
      } catch (SystemErrorException e) {
        throw new PublishNotConfirmedException(
            Reason.CHANNEL_CLOSED, exchange, routingKey, e.getMessage(), e);
      }
      long sequence = current.channel.getNextPublishSeqNo();
      pending = new Pending(sequence, messageId);
      current.pending.put(sequence, pending);
      try {
        current.channel.basicPublish(exchange, routingKey, true, properties, message.bodyUnsafe());
      } catch (IOException | ShutdownSignalException e) {
        current.pending.remove(sequence);
        throw new PublishNotConfirmedException(
            Reason.CHANNEL_CLOSED, exchange, routingKey, String.valueOf(e.getMessage()), e);
      }
    } finally {
      lock.unlock();
    }
    awaitConfirm(current, pending, exchange, routingKey);
    LOG.debugf(
        "published message %s (correlation id %s, %d bytes) to exchange '%s' with key '%s'",
        messageId, message.correlationId(), message.size(), exchange, routingKey);
    return messageId;
  }

  private void awaitConfirm(Session current, Pending pending, String exchange, String routingKey) {
    Failure failure;
    try {
      failure = pending.outcome.get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      current.pending.remove(pending.sequence);
      throw new PublishNotConfirmedException(
          Reason.TIMED_OUT, exchange, routingKey, "no confirm within " + confirmTimeout, null);
    } catch (InterruptedException e) {
      current.pending.remove(pending.sequence);
      Thread.currentThread().interrupt();
      throw new PublishNotConfirmedException(
          Reason.INTERRUPTED, exchange, routingKey, "interrupted while waiting for the confirm", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("confirm future failed", e.getCause());
    }
    if (failure != null) {
      throw new PublishNotConfirmedException(
          failure.reason, exchange, routingKey, failure.detail, failure.cause);
    }
  }

  /** The open session, reopening the channel if the broker closed it. Called with the lock held. */
  private Session session() {
    if (session != null && session.channel.isOpen()) {
      return session;
    }
    if (session != null) {
      LOG.warnf(
          "publisher channel on connection %s was closed (%s); opening a new one",
          connection.name(), session.closeReason);
      BrokerConnection.abortQuietly(session.channel);
      session = null;
    }
    Channel channel = connection.openChannel();
    Session fresh = new Session(channel);
    try {
      channel.confirmSelect();
    } catch (IOException | ShutdownSignalException e) {
      BrokerConnection.abortQuietly(channel);
      throw new SystemErrorException("cannot put a channel in confirm mode: " + e, e);
    }
    channel.addConfirmListener(fresh::acked, fresh::nacked);
    channel.addReturnListener(fresh::returned);
    channel.addShutdownListener(fresh::shutdown);
    session = fresh;
    return fresh;
  }

  /** Closes the channel; publishes still waiting for a confirm fail. Never throws. */
  @Override
  public void close() {
    closed = true;
    lock.lock();
    try {
      if (session != null) {
        BrokerConnection.closeQuietly(session.channel, "publisher channel");
        session = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Why a publish failed, made into an exception on the publishing thread. */
  private record Failure(Reason reason, String detail, Throwable cause) {}

  /** One published message waiting for its confirm. */
  private static final class Pending {
    final long sequence;
    final String messageId;
    final CompletableFuture<Failure> outcome = new CompletableFuture<>();
    volatile String returnedBecause;

    Pending(long sequence, String messageId) {
      this.sequence = sequence;
      this.messageId = messageId;
    }
  }

  /** A channel in confirm mode and the messages published on it that wait for their confirm. */
  private static final class Session {
    final Channel channel;
    final ConcurrentNavigableMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    volatile String closeReason = "unknown";

    Session(Channel channel) {
      this.channel = channel;
    }

    void acked(long deliveryTag, boolean multiple) {
      settle(deliveryTag, multiple, false);
    }

    void nacked(long deliveryTag, boolean multiple) {
      settle(deliveryTag, multiple, true);
    }

    private void settle(long deliveryTag, boolean multiple, boolean nack) {
      if (multiple) {
        Map<Long, Pending> settled = pending.headMap(deliveryTag, true);
        for (Pending p : settled.values()) {
          complete(p, nack);
        }
        settled.clear();
      } else {
        Pending p = pending.remove(deliveryTag);
        if (p != null) {
          complete(p, nack);
        }
      }
    }

    private static void complete(Pending p, boolean nack) {
      if (p.returnedBecause != null) {
        // RabbitMQ acks a returned message, Qpid nacks it: unroutable either way
        p.outcome.complete(new Failure(Reason.UNROUTABLE, p.returnedBecause, null));
      } else if (nack) {
        p.outcome.complete(new Failure(Reason.NACKED, "the broker refused the message", null));
      } else {
        p.outcome.complete(null);
      }
    }

    /** A basic.return precedes the message's confirm; remember it on the oldest matching entry. */
    void returned(Return returned) {
      String messageId = returned.getProperties().getMessageId();
      String because =
          "returned by the broker: %s %s (no queue is bound to exchange '%s' for key '%s')"
              .formatted(
                  returned.getReplyCode(),
                  returned.getReplyText(),
                  returned.getExchange(),
                  returned.getRoutingKey());
      for (Pending p : pending.values()) {
        if (p.returnedBecause == null && Objects.equals(p.messageId, messageId)) {
          p.returnedBecause = because;
          return;
        }
      }
      // Qpid nacks an unroutable message before it returns it: the publish has failed already
      LOG.debugf("message %s returned after its publish was settled: %s", messageId, because);
    }

    void shutdown(ShutdownSignalException cause) {
      closeReason = String.valueOf(cause.getMessage());
      Map.Entry<Long, Pending> entry;
      while ((entry = pending.pollFirstEntry()) != null) {
        entry
            .getValue()
            .outcome
            .complete(
                new Failure(
                    Reason.CHANNEL_CLOSED,
                    "channel closed before the confirm: " + closeReason,
                    cause));
      }
    }
  }
}
