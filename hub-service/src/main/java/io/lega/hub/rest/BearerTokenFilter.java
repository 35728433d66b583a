package io.lega.hub.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every {@code /api} call needs {@code Authorization: Bearer <token>}: the admin token for every
 * endpoint, or the service token for those marked {@link ServiceAccess}. Without a valid token the
 * answer is 401 (with {@code WWW-Authenticate: Bearer}); the service token on an admin endpoint
 * gets 403. Health and metrics ({@code /q/...}) are not behind this filter.
 */
public class BearerTokenFilter {

  private final AccessTokens tokens;

  public BearerTokenFilter(AccessTokens tokens) {
    this.tokens = tokens;
  }

  @ServerRequestFilter
  public Optional<Response> authenticate(ContainerRequestContext request, ResourceInfo resource) {
    if (resource.getResourceMethod() != null
        && (resource.getResourceMethod().isAnnotationPresent(PublicAccess.class)
            || resource.getResourceMethod().isAnnotationPresent(UserAccess.class))) {
      return Optional.empty(); // public, or the endpoint identifies its caller (Callers)
    }
    Optional<Caller> caller = tokens.identify(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (caller.isEmpty()) {
      return Optional.of(
          ErrorBody.response(
                  Response.Status.UNAUTHORIZED,
                  "a valid bearer token is required (Authorization: Bearer <token>)")
              .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"lega-hub\"")
              .build());
    }
    if (caller.get() == Caller.SERVICE
        && (resource.getResourceMethod() == null
            || !resource.getResourceMethod().isAnnotationPresent(ServiceAccess.class))) {
      return Optional.of(
          ErrorBody.response(Response.Status.FORBIDDEN, "the service token may only look users up")
              .build());
    }
    return Optional.empty();
  }
}
