package io.lega.platform.broker;

import io.lega.platform.error.SystemErrorException;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * A service's side of the broker, the one bean every service wires the same way (a CDI producer
 * with {@code @Disposes}): one connection, the service's part of the {@link Topology} declared on
 * it, one confirming {@link Publisher}, and the service's {@link QueueConsumer}s, each started as
 * it is added.
 *
 * <p>{@link #connect} fails (and so the service does not start) if the broker cannot be reached or
 * refuses the login or a declaration; once connected, the client reconnects by itself. {@link
 * #stopConsuming()} closes the consumers in the reverse order of their start (each waits for the
 * messages it is handling); {@link #close()} does that, then closes the publisher and the
 * connection. A service may run without a broker ({@link #disabled}): it is then always {@linkplain
 * #healthy() healthy} and refuses to publish. {@link BrokerReadinessCheck} reports on it.
 */
public final class Broker implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(Broker.class);

  private final BrokerConnection connection;
  private final Topology topology;
  private final Publisher publisher;
  private final String disabledBecause;
  private final List<QueueConsumer<?>> consumers = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  private Broker(
      BrokerConnection connection, Topology topology, Publisher publisher, String disabledBecause) {
    this.connection = connection;
    this.topology = topology;
    this.publisher = publisher;
    this.disabledBecause = disabledBecause;
  }

  /**
   * Connects and declares one side of the topology (idempotent). The channel it is declared on
   * stays open with the connection: the client's topology recovery declares the same again on it
   * after a reconnection (a broker that restarted empty).
   *
   * @param settings where the broker is
   * @param connectionName the name the broker shows for the connection (the service's name)
   * @param topology the topology
   * @param side the part of it to declare
   * @throws SystemErrorException if the broker cannot be reached or refuses a declaration
   */
  public static Broker connect(
      BrokerSettings settings, String connectionName, Topology topology, Topology.Side side) {
    BrokerConnection connection = new BrokerConnection(settings, connectionName);
    try {
      topology.declare(connection.openChannel(), side);
    } catch (IOException | RuntimeException e) {
      connection.close();
      throw new SystemErrorException("cannot declare the " + side + " topology: " + e, e);
    }
    LOG.infof("%s connected: %s, topology side %s", connectionName, settings, side);
    return new Broker(connection, topology, new Publisher(connection), null);
  }

  /**
   * No broker at all: healthy, consumes nothing, refuses to publish.
   *
   * @param because why, for the readiness check and the exception of a publish (e.g. {@code
   *     lega.hub.broker.enabled=false})
   */
  public static Broker disabled(String because) {
    return new Broker(null, null, null, Objects.requireNonNull(because, "because"));
  }

  /** Whether this is a {@linkplain #disabled disabled} broker. */
  public boolean isDisabled() {
    return disabledBecause != null;
  }

  /** The topology (queue and exchange names). */
  public Topology topology() {
    return enabled().topology;
  }

  /**
   * Publishes and waits for the broker's confirm.
   *
   * @throws IllegalStateException if the broker is disabled or closed
   * @throws PublishNotConfirmedException if the broker did not confirm
   */
  public void publish(String exchange, String routingKey, OutgoingMessage message) {
    if (closed) {
      throw new IllegalStateException("the broker connection is closed");
    }
    enabled().publisher.publish(exchange, routingKey, message);
  }

  /**
   * Starts a consumer on this connection and publisher, and closes it with the others.
   *
   * @param consumption the queue, decoder, handler, reporter and quarantine queue
   * @return the running consumer
   * @throws SystemErrorException if the queue cannot be consumed
   */
  public synchronized <T> QueueConsumer<T> consume(Consumption<T> consumption) {
    Broker broker = enabled();
    if (closed) {
      throw new IllegalStateException("the broker connection is closed");
    }
    QueueConsumer<T> started =
        new QueueConsumer<>(broker.connection, broker.publisher, consumption);
    started.start();
    consumers.add(started);
    return started;
  }

  /** The connection (to watch it; the broker closes it). */
  public BrokerConnection connection() {
    return enabled().connection;
  }

  /** The settings of the connection. */
  public BrokerSettings settings() {
    return enabled().connection.settings();
  }

  /** Whether the connection is open and every consumer runs (always, when disabled). */
  public boolean healthy() {
    if (isDisabled()) {
      return true;
    }
    return !closed && connection.isOpen() && consumers.stream().allMatch(QueueConsumer::isRunning);
  }

  /** The queues consumed, in the order of their start. */
  public List<String> queues() {
    return consumers.stream().map(QueueConsumer::queue).toList();
  }

  /** Why the broker is disabled, or {@code null}. */
  public String disabledBecause() {
    return disabledBecause;
  }

  /** Closes the consumers, last started first; each waits for the messages it is handling. */
  public void stopConsuming() {
    for (int i = consumers.size() - 1; i >= 0; i--) {
      consumers.get(i).close();
    }
  }

  /** Closes the consumers (last started first), then the publisher, then the connection. */
  @Override
  public synchronized void close() {
    if (isDisabled() || closed) {
      return;
    }
    stopConsuming();
    closed = true;
    publisher.close();
    connection.close();
  }

  private Broker enabled() {
    if (disabledBecause != null) {
      throw new IllegalStateException(
          "the service runs without a broker (" + disabledBecause + ")");
    }
    return this;
  }

  @Override
  public String toString() {
    return isDisabled()
        ? "Broker[disabled: " + disabledBecause + "]"
        : "Broker[" + connection + "]";
  }
}
