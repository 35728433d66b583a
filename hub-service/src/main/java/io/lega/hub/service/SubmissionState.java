package io.lega.hub.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a submitted file is; stored in lower case in {@code submissions.state}. {@code files.inbox}
 * sets {@code uploaded} and {@code removed}; the ingestion API and the nodes' {@code
 * files.verified}, {@code files.completed} and {@code files.error} set the others (see {@link
 * IngestionService} and {@link NodeReportService}).
 */
public enum SubmissionState {
  /** in the submitter's inbox */
  UPLOADED,
  /** gone from the inbox (removed, overwritten, or moved away by a newer file) before ingestion */
  REMOVED,
  /** the hub asked the node to ingest it */
  INGESTING,
  /** the node verified it and asked for an accession id; the hub sent one */
  VERIFIED,
  /** archived with an accession id ({@code files.completed}) */
  ARCHIVED,
  /** the node reported a user error ({@code error_reason} says which) */
  ERROR,
  /** the hub asked the node to cancel its ingestion */
  CANCELLED;

  /** The stored and JSON name, e.g. {@code uploaded}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state stored or named as {@code id}, if there is one. */
  public static Optional<SubmissionState> of(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
  }

  /** Every state's name, comma-separated, for error messages. */
  public static String all() {
    return Arrays.stream(values()).map(SubmissionState::id).collect(Collectors.joining(", "));
  }
}
