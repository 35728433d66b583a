/**
 * The node's database: one repository per aggregate ({@link io.lega.node.store.FileRepository},
 * {@link io.lega.node.store.DatasetRepository}, {@link io.lega.node.store.DownloadAuditRepository},
 * {@link io.lega.node.store.KeyRegistryRepository}), their value records and typed exceptions. The
 * entities are in {@link io.lega.node.store.model}; the schema is {@code deploy/db/node}, packaged
 * as {@code db/node/} for Flyway.
 */
package io.lega.node.store;
