/**
 * What the node's pipeline services share: {@link io.lega.node.worker.NodeBroker} (connection,
 * topology, consumers, publishing to the hub and to the node's queues, the hub router), {@link
 * io.lega.node.worker.FileErrorReporter} (user errors: an error event, then {@code files.error}),
 * config groups for the broker ({@link io.lega.node.worker.BrokerGroup}), storages ({@link
 * io.lega.node.worker.StorageGroup}) and keys ({@link io.lega.node.worker.KeyGroup}, loaded by
 * {@link io.lega.node.worker.NodeKeys}), and {@link io.lega.node.worker.InboxPaths} (how messages
 * name a file in an inbox). They reach the node store through its blocking {@link
 * io.lega.node.store.NodeStore}. {@link io.lega.node.worker.WorkerResources} opens a worker's
 * storages and broker and closes them in reverse order; {@link
 * io.lega.node.worker.NodeWorkerReadiness} is the base of each worker's broker readiness check.
 */
package io.lega.node.worker;
