/**
 * The broker layer every service stands on: plain Java over the RabbitMQ AMQP 0-9-1 client, free of
 * any framework and of the message contracts (it works on bytes with a pluggable {@link
 * io.lega.platform.broker.MessageDecoder}).
 *
 * <ul>
 *   <li>{@link io.lega.platform.broker.BrokerSettings}, {@link
 *       io.lega.platform.broker.BrokerConnection}: where the broker is; a recovering connection.
 *   <li>{@link io.lega.platform.broker.Topology}: exchanges, queues and bindings from one JSON
 *       definition, for the hub's broker, a node's, or one shared broker.
 *   <li>{@link io.lega.platform.broker.Publisher}: confirmed, persistent, mandatory publishing.
 *   <li>{@link io.lega.platform.broker.QueueConsumer}: the one place that acknowledges; handlers
 *       ({@link io.lega.platform.broker.MessageHandler}) return or throw, and the consumer
 *       acknowledges, reports user errors, retries with back-off or quarantines.
 *   <li>{@link io.lega.platform.broker.HubMessageRouter}: sends hub messages to the node's queues
 *       by their {@code type}.
 * </ul>
 */
package io.lega.platform.broker;
