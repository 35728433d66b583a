package io.lega.platform.broker;

/**
 * Does the work for one message and returns; never acknowledges. {@link QueueConsumer} turns the
 * outcome into an acknowledgement, a reported user error, a retry or a quarantine.
 *
 * <p>Return once the work is durable (the database transaction has committed): only then is the
 * message acknowledged. Throw {@link io.lega.platform.error.UserErrorException} when the submission
 * is at fault, {@link io.lega.contracts.MalformedMessageException} when the message can never be
 * used, and anything else (preferably {@link io.lega.platform.error.SystemErrorException}) when
 * something else went wrong. The handler runs on one of the consumer's worker threads. Handlers
 * must be idempotent: after a crash the same message may arrive again.
 *
 * @param <T> the decoded message type
 */
@FunctionalInterface
public interface MessageHandler<T> {

  /**
   * @param message the decoded message
   * @param context the delivery's correlation id, attempt number and properties
   * @throws Exception any failure: see the class description for what each kind leads to
   */
  void handle(T message, MessageContext context) throws Exception;
}
