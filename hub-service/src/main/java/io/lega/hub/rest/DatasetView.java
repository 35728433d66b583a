package io.lega.hub.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lega.hub.service.Dataset;
import java.time.Instant;
import java.util.List;

/**
 * A dataset as the API shows it.
 *
 * @param datasetId its accession id, {@code EGAD} + 11 digits
 * @param state {@code mapped}, {@code released} or {@code deprecated}
 * @param accessionIds its files' accession ids, in mapping order
 * @param createdAt when it was created
 * @param updatedAt when its state last changed
 * @param dacId the DAC responsible for it; {@code null} for none yet
 */
public record DatasetView(
    @JsonProperty("dataset_id") String datasetId,
    String state,
    @JsonProperty("accession_ids") List<String> accessionIds,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt,
    @JsonProperty("dac_id") String dacId) {

  static DatasetView of(Dataset dataset) {
    return new DatasetView(
        dataset.datasetId(),
        dataset.state(),
        dataset.accessionIds(),
        dataset.createdAt(),
        dataset.updatedAt(),
        dataset.dacId());
  }
}
