package io.lega.download.datasets;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A dataset the caller may read.
 *
 * @param datasetId its stable id ({@code EGAD...})
 * @param date when this node registered it
 * @param files how many files it holds (only in {@code GET /datasets/{id}})
 * @param size their archived size in bytes (only in {@code GET /datasets/{id}})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatasetView(String datasetId, Instant date, Long files, Long size) {}
