package io.lega.hub.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A dataset to create ({@code POST /api/datasets}).
 *
 * @param datasetId optional: the dataset's accession id ({@code EGAD} + 11 digits); none: the hub
 *     issues the next one
 * @param accessionIds the accession ids of its files (at least one, no repeats), each an {@code
 *     archived} submission's
 */
public record NewDataset(
    @JsonProperty("dataset_id") String datasetId,
    @JsonProperty("accession_ids") List<String> accessionIds) {}
