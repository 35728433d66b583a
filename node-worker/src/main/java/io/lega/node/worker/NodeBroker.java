package io.lega.node.worker;

import io.lega.contracts.InvalidMessageException;
import io.lega.contracts.MalformedMessageException;
import io.lega.contracts.Message;
import io.lega.contracts.MessageCodec;
import io.lega.platform.broker.Broker;
import io.lega.platform.broker.BrokerSettings;
import io.lega.platform.broker.Consumption;
import io.lega.platform.broker.MessageDecoder;
import io.lega.platform.broker.MessageHandler;
import io.lega.platform.broker.OutgoingMessage;
import io.lega.platform.broker.QueueConsumer;
import io.lega.platform.broker.Topology;
import io.lega.platform.broker.UserErrorReporter;
import java.util.function.Function;

/**
 * What a node worker (ingest, verify or finalize) does with the node's {@link Broker} (produced by
 * {@link NodeBrokerProducer}): consume one of the node's queues, parking what fails in the node's
 * quarantine queue, and publish validated messages to the hub or to the node's own queues.
 *
 * <p>A message a handler cannot encode for sending ({@link InvalidMessageException}: it would not
 * match its schema) is quarantined at once, like a malformed one: retrying cannot help.
 */
public final class NodeBroker {

  private final Broker broker;
  private final MessageCodec codec = MessageCodec.shared();

  /**
   * @param broker the node's broker side
   */
  public NodeBroker(Broker broker) {
    this.broker = broker;
  }

  /**
   * Starts consuming one of the node's queues. Messages that fail to decode, and those that fail
   * with a system error after the last attempt, are parked in the node's quarantine queue.
   *
   * @param queue the queue, e.g. {@code ingest}
   * @param decoder bytes to message
   * @param handler the work
   * @param userOf the submitter of a message, for the logging context (may return {@code null})
   * @param reporter what to do with a user error (see {@link FileErrorReporter})
   * @return the running consumer
   */
  public <T> QueueConsumer<T> consume(
      String queue,
      MessageDecoder<T> decoder,
      MessageHandler<T> handler,
      Function<? super T, String> userOf,
      UserErrorReporter<? super T> reporter) {
    return consume(queue, decoder, handler, userOf, reporter, broker.settings());
  }

  /**
   * Like {@link #consume}, but one message at a time, in the order of the queue (prefetch 1): for
   * messages whose order matters, such as a dataset's mapping and then its release.
   */
  public <T> QueueConsumer<T> consumeInOrder(
      String queue,
      MessageDecoder<T> decoder,
      MessageHandler<T> handler,
      Function<? super T, String> userOf,
      UserErrorReporter<? super T> reporter) {
    return consume(queue, decoder, handler, userOf, reporter, broker.settings().withPrefetch(1));
  }

  private <T> QueueConsumer<T> consume(
      String queue,
      MessageDecoder<T> decoder,
      MessageHandler<T> handler,
      Function<? super T, String> userOf,
      UserErrorReporter<? super T> reporter,
      BrokerSettings settings) {
    MessageHandler<T> unsendableIsMalformed =
        (message, context) -> {
          try {
            handler.handle(message, context);
          } catch (InvalidMessageException e) {
            throw new MalformedMessageException(e.getMessage(), e);
          }
        };
    String quarantine = broker.topology().nodeQuarantineQueue();
    return broker.consume(
        new Consumption<>(
            queue,
            decoder,
            unsendableIsMalformed,
            reporter,
            userOf,
            quarantine,
            settings,
            Consumption.DEFAULT_SHUTDOWN_TIMEOUT));
  }

  /**
   * Publishes a message to the hub ({@code files.verified}, {@code files.completed}, {@code
   * files.error}) and waits for the broker's confirm. The message is validated against its schema
   * first.
   *
   * @param routingKey the routing key on the hub's exchange
   * @param message the message
   * @param correlationId the file's id
   * @throws io.lega.platform.broker.PublishNotConfirmedException if the broker did not confirm
   */
  public void toHub(String routingKey, Message message, String correlationId) {
    broker.publish(
        topology().hubExchange(),
        routingKey,
        OutgoingMessage.of(codec.encode(message), correlationId));
  }

  /**
   * Publishes a message to one of the node's own queues (e.g. {@code archived}) and waits for the
   * broker's confirm. The message is validated against its schema first.
   */
  public void toNode(String routingKey, Message message, String correlationId) {
    broker.publish(
        topology().nodeExchange(),
        routingKey,
        OutgoingMessage.of(codec.encode(message), correlationId));
  }

  /** The topology (queue names). */
  public Topology topology() {
    return broker.topology();
  }

  /** Stops the consumers (last started first), waiting for the messages being handled. */
  public void stopConsuming() {
    broker.stopConsuming();
  }

  @Override
  public String toString() {
    return "NodeBroker[" + broker + "]";
  }
}
