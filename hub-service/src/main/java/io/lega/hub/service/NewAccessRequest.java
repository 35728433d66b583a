package io.lega.hub.service;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A researcher's request ({@code POST /api/access-requests}).
 *
 * @param datasetId the dataset, {@code EGAD} + 11 digits
 * @param justification why they need it: free text, 1 to 10000 characters
 */
public record NewAccessRequest(
    @JsonProperty("dataset_id") String datasetId, String justification) {}
