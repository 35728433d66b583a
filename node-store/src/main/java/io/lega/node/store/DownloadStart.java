package io.lega.node.store;

import java.util.Objects;
import java.util.UUID;

/**
 * A download request, as it starts.
 *
 * @param fileId the file read
 * @param datasetId the dataset through which access was granted ({@code datasets.id}), or {@code
 *     null}
 * @param username who asked
 * @param clientAddress the client's address, or {@code null}
 * @param rangeStart first requested byte of the plaintext, or {@code null} for no range
 * @param rangeEnd end (excluded) of the requested range, or {@code null} for "to the end"
 */
public record DownloadStart(
    UUID fileId,
    Long datasetId,
    String username,
    String clientAddress,
    Long rangeStart,
    Long rangeEnd) {

  /** Checks the required fields. */
  public DownloadStart {
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(username, "username");
  }
}
