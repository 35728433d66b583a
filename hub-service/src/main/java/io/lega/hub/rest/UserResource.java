package io.lega.hub.rest;

import io.lega.hub.service.InvalidRequestException;
import io.lega.hub.service.NewUser;
import io.lega.hub.service.SubmissionService;
import io.lega.hub.service.UserChanges;
import io.lega.hub.service.UserService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The user directory, {@code /api/users}: administrators register, list, change and disable users;
 * the nodes' inboxes look users up with the service token ({@link #get}).
 */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

  private final UserService users;
  private final SubmissionService submissions;
  private final AccessTokens tokens;
  private final Paging paging;

  public UserResource(
      UserService users, SubmissionService submissions, AccessTokens tokens, Paging paging) {
    this.users = users;
    this.submissions = submissions;
    this.tokens = tokens;
    this.paging = paging;
  }

  /** Registers a user: 201 with the user and its location, 400 or 409. */
  @POST
  public Uni<RestResponse<AdminUserView>> create(NewUser user, UriInfo uri) {
    return users
        .create(user)
        .map(
            created ->
                RestResponse.ResponseBuilder.<AdminUserView>created(
                        uri.getAbsolutePathBuilder().path(created.username()).build())
                    .entity(AdminUserView.of(created))
                    .build());
  }

  /** Users by username, {@code ?page=0&size=50}. */
  @GET
  public Uni<PageView<AdminUserView>> list(@RestQuery String page, @RestQuery String size) {
    Paging.Request wanted = paging.of(page, size);
    return users
        .list(wanted.page(), wanted.size())
        .map(result -> PageView.of(result, AdminUserView::of));
  }

  /**
   * One user. With the service token: the inbox's view, password hash included; with the admin
   * token: the admin view, never the hash. Disabled users are returned too, with {@code enabled:
   * false}.
   */
  @GET
  @Path("{username}")
  @ServiceAccess
  public Uni<Object> get(
      @RestPath String username, @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
    boolean service = tokens.identify(authorization).orElse(null) == Caller.SERVICE;
    return users
        .find(username)
        .map(user -> service ? ServiceUserView.of(user) : AdminUserView.of(user));
  }

  /**
   * Replaces a user's email, keys and roles (all three required); password and enabled change only
   * if given.
   */
  @PUT
  @Path("{username}")
  public Uni<AdminUserView> replace(@RestPath String username, UserChanges changes) {
    if (changes != null && !changes.complete()) {
      return Uni.createFrom()
          .failure(
              new InvalidRequestException(
                  "PUT replaces the user: email, ssh_public_keys and roles are required"
                      + " (PATCH changes only the fields given)"));
    }
    return users.update(username, changes).map(AdminUserView::of);
  }

  /** Changes the fields given. */
  @PATCH
  @Path("{username}")
  public Uni<AdminUserView> patch(@RestPath String username, UserChanges changes) {
    return users.update(username, changes).map(AdminUserView::of);
  }

  /** Disables a user (never deletes): the inboxes refuse them from then on. */
  @POST
  @Path("{username}/disable")
  public Uni<AdminUserView> disable(@RestPath String username) {
    return users.setEnabled(username, false).map(AdminUserView::of);
  }

  /** The same as {@link #disable}: users are never deleted. */
  @DELETE
  @Path("{username}")
  public Uni<AdminUserView> delete(@RestPath String username) {
    return disable(username);
  }

  /** Enables a disabled user again. */
  @POST
  @Path("{username}/enable")
  public Uni<AdminUserView> enable(@RestPath String username) {
    return users.setEnabled(username, true).map(AdminUserView::of);
  }

  /** The user's submissions, newest first, {@code ?page=0&size=50}. */
  @GET
  @Path("{username}/submissions")
  public Uni<PageView<SubmissionView>> submissions(
      @RestPath String username, @RestQuery String page, @RestQuery String size) {
    Paging.Request wanted = paging.of(page, size);
    return submissions
        .ofUser(username, wanted.page(), wanted.size())
        .map(result -> PageView.of(result, SubmissionView::of));
  }
}
