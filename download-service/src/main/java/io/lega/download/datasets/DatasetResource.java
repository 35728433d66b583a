package io.lega.download.datasets;

import io.lega.download.access.AccessCheck;
import io.lega.download.access.PassportCheck;
import io.lega.download.config.DownloadConfig;
import io.lega.download.http.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * {@code /datasets}: the datasets the caller's Passport lets them read, one of them, and its files
 * a page at a time. A dataset the caller may not read is the same 403 whether or not it exists.
 */
@Path("/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

  private final PassportCheck passports;
  private final AccessCheck access;
  private final DatasetListing listing;
  private final DownloadConfig.Api api;

  public DatasetResource(
      PassportCheck passports, AccessCheck access, DatasetListing listing, DownloadConfig config) {
    this.passports = passports;
    this.access = access;
    this.listing = listing;
    this.api = config.api();
  }

  /** {@code {"datasets": [{"datasetId": ..., "date": ...}]}}, by id. */
  @GET
  public Uni<Map<String, List<DatasetView>>> datasets(
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return passports
        .bearer(authorization)
        .flatMap(access::datasets)
        .map(
            found ->
                Map.of(
                    "datasets",
                    found.stream()
                        .map(d -> new DatasetView(d.stableId, d.createdAt, null, null))
                        .toList()));
  }

  @GET
  @Path("{datasetId}")
  public Uni<DatasetView> dataset(
      @PathParam("datasetId") String datasetId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    return passports
        .bearer(authorization)
        .flatMap(passport -> access.dataset(passport, datasetId))
        .flatMap(listing::summary);
  }

  @GET
  @Path("{datasetId}/files")
  public Uni<FilePage> files(
      @PathParam("datasetId") String datasetId,
      @QueryParam("pageSize") Integer pageSize,
      @QueryParam("pageToken") String pageToken,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
    int size = pageSize == null ? api.defaultPageSize() : pageSize;
    return passports
        .bearer(authorization)
        .invoke(
            ok -> {
              if (size < 1 || size > api.maxPageSize()) {
                throw ProblemException.badRequest(
                    "pageSize must be between 1 and " + api.maxPageSize());
              }
            })
        .flatMap(passport -> access.dataset(passport, datasetId))
        .flatMap(dataset -> listing.page(dataset, size, pageToken));
  }
}
