package io.lega.download.http;

import io.lega.download.auth.TokenRejectedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure as {@code application/problem+json}: a {@link ProblemException} as it says, a
 * refused Passport as 401 (with the reason, never the token), JAX-RS's own errors (404 of an
 * unknown path, 405...) with their status, anything else as 500 without details (logged).
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response problem(ProblemException e) {
    Response.ResponseBuilder response =
        Response.status(e.status())
            .type(Problem.MEDIA_TYPE)
            .entity(Problem.of(e.status(), e.title(), e.getMessage()));
    e.headers().forEach(response::header);
    return response.build();
  }

  @ServerExceptionMapper
  public Response tokenRejected(TokenRejectedException e) {
    return problem(ProblemException.unauthorized(e.problem().description()));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String title = e.getResponse().getStatusInfo().getReasonPhrase();
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(Problem.of(status, title, title))
        .build();
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    LOG.errorf(e, "request failed");
    return Response.status(500)
        .type(Problem.MEDIA_TYPE)
        .entity(Problem.of(500, "Internal Server Error", "the request failed; it was logged"))
        .build();
  }
}
