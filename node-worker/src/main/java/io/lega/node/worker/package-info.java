/**
 * What the node's pipeline services share: {@link io.lega.node.worker.NodeBrokerProducer} (the
 * node's CDI-produced broker, with the {@link io.lega.node.worker.HubMessageRouter} when
 * configured), {@link io.lega.node.worker.NodeBroker} (consumers, publishing to the hub and to the
 * node's queues), {@link io.lega.node.worker.FileErrorReporter} (user errors: an error event, then
 * {@code files.error}), config groups for the broker ({@link io.lega.node.worker.BrokerGroup}),
 * storages ({@link io.lega.node.worker.StorageGroup}) and keys ({@link
 * io.lega.node.worker.KeyGroup}, loaded by {@link io.lega.node.worker.NodeKeys}), and {@link
 * io.lega.node.worker.InboxPaths} (how messages name a file in an inbox). They reach the node store
 * through its blocking {@link io.lega.node.store.NodeStore}. {@link
 * io.lega.node.worker.WorkerResources} opens a worker's storages and closes them, after stopping
 * the broker's consumers, in reverse order; {@link io.lega.node.worker.WorkerLifecycle} starts a
 * worker with the application and closes it at shutdown.
 */
package io.lega.node.worker;
