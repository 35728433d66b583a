package io.lega.platform.broker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Does the work for one message and returns; never acknowledges. {@link QueueConsumer} turns the
 * outcome into an acknowledgement, a reported user error, a retry or a quarantine.
 *
 * <p>Complete the returned stage normally once the work is durable (the database transaction has
 * committed): only then is the message acknowledged. Fail it, or throw, with {@link
 * io.lega.platform.error.UserErrorException} when the submission is at fault, and with anything
 * else (preferably {@link io.lega.platform.error.SystemErrorException}) when something else went
 * wrong. Handlers must be idempotent: after a crash the same message may arrive again.
 *
 * @param <T> the decoded message type
 */
@FunctionalInterface
public interface MessageHandler<T> {

  /**
   * @param message the decoded message
   * @param context the delivery's correlation id, attempt number and properties
   * @return a stage that completes when the work is durable
   * @throws Exception a failure raised before any asynchronous work began; treated like a failed
   *     stage
   */
  CompletionStage<Void> handle(T message, MessageContext context) throws Exception;

  /**
   * A handler whose work is done when the method returns (it runs on the consumer's worker thread).
   */
  static <T> MessageHandler<T> blocking(Blocking<T> work) {
    return (message, context) -> {
      work.handle(message, context);
      return CompletableFuture.completedFuture(null);
    };
  }

  /**
   * Synchronous work for {@link #blocking(Blocking)}.
   *
   * @param <T> the decoded message type
   */
  @FunctionalInterface
  interface Blocking<T> {
    /**
     * @param message the decoded message
     * @param context the delivery's context
     * @throws Exception any failure
     */
    void handle(T message, MessageContext context) throws Exception;
  }
}
