package io.lega.hub.service;

import java.time.Instant;
import java.util.List;

/**
 * A dataset the hub defined.
 *
 * @param datasetId its accession id, {@code EGAD} + 11 digits
 * @param state one of {@link DatasetState}, in lower case
 * @param accessionIds its files' accession ids, in the order they were mapped
 * @param createdAt when it was created
 * @param updatedAt when its state last changed
 * @param dacId the DAC responsible for it; {@code null} for none yet
 */
public record Dataset(
    String datasetId,
    String state,
    List<String> accessionIds,
    Instant createdAt,
    Instant updatedAt,
    String dacId) {}
