package io.lega.hub.rest;

import io.lega.hub.service.AccessRequest;
import io.lega.hub.service.AccessService;
import io.lega.hub.service.Actor;
import io.lega.hub.service.DecisionRequest;
import io.lega.hub.service.NewAccessRequest;
import io.lega.hub.service.NoSuchResourceException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Access requests, {@code /api/access-requests}: researchers ask (with their password), members of
 * the dataset's DAC approve, reject and revoke (with theirs); listings show the admin everything, a
 * user their own requests and those of their DACs' datasets.
 */
@Path("/api/access-requests")
@Produces(MediaType.APPLICATION_JSON)
public class AccessRequestResource {

  private final AccessService access;
  private final Callers callers;
  private final Paging paging;
  private final OptionalBody bodies;

  public AccessRequestResource(
      AccessService access, Callers callers, Paging paging, OptionalBody bodies) {
    this.bodies = bodies;
    this.access = access;
    this.callers = callers;
    this.paging = paging;
  }

  /** A researcher asks: 201; 400; 403 not a researcher; 404 dataset; 409 open already, no DAC. */
  @POST
  @UserAccess
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<RestResponse<AccessRequestView>> create(
      @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
      NewAccessRequest request,
      UriInfo uri) {
    return callers
        .identify(authorization)
        .flatMap(actor -> access.request(actor, request))
        .map(
            created ->
                RestResponse.ResponseBuilder.<AccessRequestView>created(
                        uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                    .entity(AccessRequestView.of(created))
                    .build());
  }

  /** Requests, newest first, {@code ?dataset_id=&dac_id=&user=&page=0&size=50}. */
  @GET
  @UserAccess
  public Uni<PageView<AccessRequestView>> list(
      @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
      @RestQuery("dataset_id") String datasetId,
      @RestQuery("dac_id") String dacId,
      @RestQuery String user,
      @RestQuery String page,
      @RestQuery String size) {
    Paging.Request wanted = paging.of(page, size);
    return callers
        .identify(authorization)
        .flatMap(
            actor ->
                access.list(
                    actor,
                    blank(datasetId),
                    blank(dacId),
                    blank(user),
                    wanted.page(),
                    wanted.size()))
        .map(result -> PageView.of(result, AccessRequestView::of));
  }

  /** One request the caller may see; 404 otherwise. */
  @GET
  @UserAccess
  @Path("{id}")
  public Uni<AccessRequestView> get(
      @RestHeader(HttpHeaders.AUTHORIZATION) String authorization, @RestPath String id) {
    UUID requestId = id(id);
    return callers
        .identify(authorization)
        .flatMap(actor -> access.find(actor, requestId))
        .map(AccessRequestView::of);
  }

  /** A DAC member approves ({@code {"expires_at"}} optional): 200; 403; 404; 409 not pending. */
  @POST
  @UserAccess
  @Path("{id}/approve")
  public Uni<AccessRequestView> approve(
      @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
      @RestPath String id,
      String body) {
    return decide(authorization, id, body, access::approve);
  }

  /** A DAC member rejects ({@code {"reason"}} required): 200; 400; 403; 404; 409 not pending. */
  @POST
  @UserAccess
  @Path("{id}/reject")
  public Uni<AccessRequestView> reject(
      @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
      @RestPath String id,
      String body) {
    return decide(authorization, id, body, access::reject);
  }

  /**
   * A DAC member revokes a grant ({@code {"reason"}} optional): 200; 403; 404; 409 not approved.
   */
  @POST
  @UserAccess
  @Path("{id}/revoke")
  public Uni<AccessRequestView> revoke(
      @RestHeader(HttpHeaders.AUTHORIZATION) String authorization,
      @RestPath String id,
      String body) {
    return decide(authorization, id, body, access::revoke);
  }

  /** What a decision does: approve, reject or revoke. */
  private interface Decision {
    Uni<AccessRequest> take(Actor actor, UUID id, DecisionRequest body);
  }

  private Uni<AccessRequestView> decide(
      String authorization, String id, String body, Decision decision) {
    UUID requestId = id(id);
    DecisionRequest details = bodies.read(body, DecisionRequest.class);
    return callers
        .identify(authorization)
        .flatMap(actor -> decision.take(actor, requestId, details))
        .map(AccessRequestView::of);
  }

  private static UUID id(String text) {
    try {
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new NoSuchResourceException(
          "no access request '"
              + (text.length() > 40 ? text.substring(0, 40) + "..." : text)
              + "'");
    }
  }

  private static String blank(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
