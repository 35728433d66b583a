package io.lega.download.datasets;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One page of a dataset's files.
 *
 * @param files the files, by accession id
 * @param nextPageToken pass as {@code pageToken} for the next page; absent on the last
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FilePage(List<FileView> files, String nextPageToken) {}
