package io.lega.hub.rest;

import io.lega.hub.service.DacService;
import io.lega.hub.service.NewDac;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Data access committees, {@code /api/dacs} (admin): create, read, list, add and remove members.
 */
@Path("/api/dacs")
@Produces(MediaType.APPLICATION_JSON)
public class DacResource {

  private final DacService dacs;
  private final Paging paging;

  public DacResource(DacService dacs, Paging paging) {
    this.dacs = dacs;
    this.paging = paging;
  }

  /** Creates a DAC: 201 with it and its location; 400 malformed; 409 bad members or taken id. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<DacView>> create(NewDac request, UriInfo uri) {
    return dacs.create(request)
        .map(
            created ->
                RestResponse.ResponseBuilder.<DacView>created(
                        uri.getAbsolutePathBuilder().path(created.dacId()).build())
                    .entity(DacView.of(created))
                    .build());
  }

  /** DACs by id, {@code ?page=0&size=50}. */
  @GET
  public Uni<PageView<DacView>> list(@RestQuery String page, @RestQuery String size) {
    Paging.Request wanted = paging.of(page, size);
    return dacs.list(wanted.page(), wanted.size()).map(result -> PageView.of(result, DacView::of));
  }

  /** One DAC; 404 if unknown. */
  @GET
  @Path("{id}")
  public Uni<DacView> get(@RestPath String id) {
    return dacs.find(id).map(DacView::of);
  }

  /** Adds a member (a user with the dac role); 404 unknown DAC; 409 unknown user or no role. */
  @PUT
  @Path("{id}/members/{username}")
  public Uni<DacView> addMember(@RestPath String id, @RestPath String username) {
    return dacs.addMember(id, username).map(DacView::of);
  }

  /** Removes a member; 404 unknown DAC or not a member. */
  @DELETE
  @Path("{id}/members/{username}")
  public Uni<DacView> removeMember(@RestPath String id, @RestPath String username) {
    return dacs.removeMember(id, username).map(DacView::of);
  }
}
