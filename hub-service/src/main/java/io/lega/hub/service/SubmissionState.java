package io.lega.hub.service;

import java.util.Locale;

/**
 * Where a submitted file is; stored in lower case in {@code submissions.state}. This issue sets
 * {@code uploaded} and {@code removed}; the others come with the ingestion messages.
 */
public enum SubmissionState {
  /** in the submitter's inbox */
  UPLOADED,
  /** gone from the inbox (removed, overwritten, or moved away by a newer file) before ingestion */
  REMOVED,
  /** the hub asked the node to ingest it */
  INGESTING,
  /** the node verified it and asked for an accession id */
  VERIFIED,
  /** archived with an accession id */
  ARCHIVED,
  /** the node reported a user error */
  ERROR,
  /** ingestion was cancelled */
  CANCELLED;

  /** The stored and JSON name, e.g. {@code uploaded}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
