package io.lega.platform.broker;

import io.lega.platform.error.SystemErrorException;

/**
 * The broker did not take responsibility for a published message: it refused it (nack), could not
 * route it to any queue (returned), closed the channel (for instance because the exchange does not
 * exist), or did not confirm it in time. The message may be lost, so the caller must treat the
 * publish as failed; as a {@link SystemErrorException} it makes the message being handled retry.
 */
public class PublishNotConfirmedException extends SystemErrorException {

  private static final long serialVersionUID = 1L;

  /** Why the publish is not confirmed. */
  public enum Reason {
    /**
     * The broker answered basic.nack. Qpid Broker-J also nacks a message that no queue receives
     * (before it returns it), where RabbitMQ reports {@link #UNROUTABLE}.
     */
    NACKED,
    /** The message matched no queue and came back (basic.return) as it was published mandatory. */
    UNROUTABLE,
    /**
     * The channel or connection closed before the confirm arrived, or was closed when publishing.
     */
    CHANNEL_CLOSED,
    /** No confirm within {@link BrokerSettings#confirmTimeout()}. */
    TIMED_OUT,
    /** The publishing thread was interrupted while it waited for the confirm. */
    INTERRUPTED
  }

  private final Reason reason;
  private final String exchange;
  private final String routingKey;

  /**
   * @param reason why
   * @param exchange the exchange published to ({@code ""} is the default exchange)
   * @param routingKey the routing key
   * @param detail the broker's reply text or other detail
   * @param cause the underlying exception, or {@code null}
   */
  public PublishNotConfirmedException(
      Reason reason, String exchange, String routingKey, String detail, Throwable cause) {
    super(
        "message to exchange '%s' with routing key '%s' not confirmed (%s): %s"
            .formatted(exchange, routingKey, reason, detail),
        cause);
    this.reason = reason;
    this.exchange = exchange;
    this.routingKey = routingKey;
  }

  /** Why the publish is not confirmed. */
  public Reason reason() {
    return reason;
  }

  /** The exchange published to. */
  public String exchange() {
    return exchange;
  }

  /** The routing key published with. */
  public String routingKey() {
    return routingKey;
  }
}
