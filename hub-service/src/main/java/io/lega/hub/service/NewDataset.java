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
 * @param dacId optional: the DAC responsible for it ({@code EGAC} + 11 digits, an existing DAC);
 *     none: nobody decides on access until the admin names one
 */
public record NewDataset(
    @JsonProperty("dataset_id") String datasetId,
    @JsonProperty("accession_ids") List<String> accessionIds,
    @JsonProperty("dac_id") String dacId) {}
