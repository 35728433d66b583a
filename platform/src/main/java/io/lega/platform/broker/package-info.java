/**
 * The broker layer every service stands on: plain Java over the RabbitMQ AMQP 0-9-1 client (it
 * works on bytes with a pluggable {@link io.lega.platform.broker.MessageDecoder}; the one
 * malformed-message type is the contracts' {@link io.lega.contracts.MalformedMessageException}),
 * plus the two pieces every service wires the same way: the config group {@link
 * io.lega.platform.broker.BrokerConfig} and the readiness check {@link
 * io.lega.platform.broker.BrokerReadinessCheck}.
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
 *   <li>{@link io.lega.platform.broker.Broker}: a service's connection, topology, publisher and
 *       consumers as one bean, which each service produces with CDI and closes with
 *       {@code @Disposes}; {@link io.lega.platform.broker.BrokerReadinessCheck} reports on it.
 * </ul>
 */
package io.lega.platform.broker;
