package io.lega.hub.rest;

import io.lega.hub.service.DatasetService;
import io.lega.hub.service.DatasetState;
import io.lega.hub.service.NewDataset;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Datasets, {@code /api/datasets} (admin): create one from archived files (the node gets {@code
 * mapping}), release it ({@code release}), deprecate it ({@code deprecate}), read and list them.
 * Each change answers once the node's message is confirmed by the broker.
 */
@Path("/api/datasets")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetResource {

  private final DatasetService datasets;
  private final Paging paging;

  public DatasetResource(DatasetService datasets, Paging paging) {
    this.datasets = datasets;
    this.paging = paging;
  }

  /**
   * Creates a dataset: 201 with the dataset and its location; 400 for malformed ids, 409 if a file
   * is unknown or not archived, or the dataset id is taken; 503 if the broker did not take the
   * message (nothing created).
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<DatasetView>> create(NewDataset request, UriInfo uri) {
    return datasets
        .create(request)
        .map(
            created ->
                RestResponse.ResponseBuilder.<DatasetView>created(
                        uri.getAbsolutePathBuilder().path(created.datasetId()).build())
                    .entity(DatasetView.of(created))
                    .build());
  }

  /** Datasets, newest first, {@code ?state=released&page=0&size=50}. */
  @GET
  public Uni<PageView<DatasetView>> list(
      @RestQuery String state, @RestQuery String page, @RestQuery String size) {
    DatasetState inState =
        Paging.state(state, DatasetState::of, "dataset state", DatasetState.all());
    Paging.Request wanted = paging.of(page, size);
    return datasets
        .list(inState, wanted.page(), wanted.size())
        .map(result -> PageView.of(result, DatasetView::of));
  }

  /** One dataset; 404 if unknown. */
  @GET
  @Path("{id}")
  public Uni<DatasetView> get(@RestPath String id) {
    return datasets.find(id).map(DatasetView::of);
  }

  /** Releases a mapped dataset: 200 with the dataset; 404; 409 if it is not {@code mapped}. */
  @POST
  @Path("{id}/release")
  public Uni<DatasetView> release(@RestPath String id) {
    return datasets.release(id).map(DatasetView::of);
  }

  /**
   * Deprecates a mapped or released dataset: 200 with the dataset; 404; 409 if it is deprecated
   * already.
   */
  @POST
  @Path("{id}/deprecate")
  public Uni<DatasetView> deprecate(@RestPath String id) {
    return datasets.deprecate(id).map(DatasetView::of);
  }
}
