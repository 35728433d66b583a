/**
 * Entities for every table of the node schema, read-only for Hibernate (the repositories write),
 * and the enums the schema's {@code CHECK} constraints list, stored as their lower-case names.
 */
package io.lega.node.store.model;
