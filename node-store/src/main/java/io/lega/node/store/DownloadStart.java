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
 * @param ranges every requested range ({@code 0-65536,131072-}, end excluded), or {@code null} for
 *     the whole file
 */
public record DownloadStart(
    UUID fileId,
    Long datasetId,
    String username,
    String clientAddress,
    Long rangeStart,
    Long rangeEnd,
    String ranges) {

  /** Checks the required fields. */
  public DownloadStart {
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(username, "username");
  }

  /** A request for one range (or none): {@code ranges} is that range, if any. */
  public DownloadStart(
      UUID fileId,
      Long datasetId,
      String username,
      String clientAddress,
      Long rangeStart,
      Long rangeEnd) {
    this(
        fileId,
        datasetId,
        username,
        clientAddress,
        rangeStart,
        rangeEnd,
        rangeStart == null && rangeEnd == null
            ? null
            : (rangeStart == null ? 0 : rangeStart) + "-" + (rangeEnd == null ? "" : rangeEnd));
  }
}
