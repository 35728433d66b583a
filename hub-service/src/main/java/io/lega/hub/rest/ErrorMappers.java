package io.lega.hub.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.lega.hub.service.ConflictException;
import io.lega.hub.service.DuplicateUserException;
import io.lega.hub.service.ForbiddenException;
import io.lega.hub.service.InvalidRequestException;
import io.lega.hub.service.NoSuchResourceException;
import io.lega.hub.service.NodeUnreachableException;
import io.lega.hub.service.NotAuthenticatedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns failures into {@code {"error": "..."}} answers: 400 for invalid input (including a body
 * that is not the expected JSON), 404 for an unknown user, submission or dataset, 409 for a taken
 * username or a request that does not fit the current state (ingesting an archived file, releasing
 * a deprecated dataset, mapping files that are not archived), 503 when the node's message was not
 * confirmed by the broker (nothing changed), the framework's own status for routing errors (404,
 * 405, 415...), and 500 for anything else (logged with its stack; the caller only learns that it
 * happened). Request bodies are never quoted: they may hold a password.
 */
public class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response invalid(InvalidRequestException e) {
    return ErrorBody.response(Response.Status.BAD_REQUEST, e.getMessage()).build();
  }

  @ServerExceptionMapper
  public Response unknown(NoSuchResourceException e) {
    return ErrorBody.response(Response.Status.NOT_FOUND, e.getMessage()).build();
  }

  @ServerExceptionMapper
  public Response duplicate(DuplicateUserException e) {
    return ErrorBody.response(Response.Status.CONFLICT, e.getMessage()).build();
  }

  @ServerExceptionMapper
  public Response conflict(ConflictException e) {
    return ErrorBody.response(Response.Status.CONFLICT, e.getMessage()).build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return ErrorBody.response(Response.Status.FORBIDDEN, e.getMessage()).build();
  }

  @ServerExceptionMapper
  public Response unauthenticated(NotAuthenticatedException e) {
    return ErrorBody.response(Response.Status.UNAUTHORIZED, e.getMessage())
        .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"lega-hub\", charset=\"UTF-8\"")
        .build();
  }

  @ServerExceptionMapper
  public Response unreachable(NodeUnreachableException e) {
    LOG.warnf("request failed: %s", e.getMessage());
    return ErrorBody.response(
            Response.Status.SERVICE_UNAVAILABLE,
            e.getMessage() + "; nothing was changed, try again")
        .build();
  }

  @ServerExceptionMapper
  public Response unreadable(JsonProcessingException e) {
    return ErrorBody.response(Response.Status.BAD_REQUEST, describe(e)).build();
  }

  // The JSON extension brings mappers of its own for these subtypes; ours win for the same type.

  @ServerExceptionMapper
  public Response unknownField(UnrecognizedPropertyException e) {
    return unreadable(e);
  }

  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    return unreadable(e);
  }

  @ServerExceptionMapper
  public Response unparsable(JsonParseException e) {
    return unreadable(e);
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    Response.StatusType status = e.getResponse().getStatusInfo();
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadable(json);
    }
    String message =
        status.getStatusCode() == 404
            ? "no such endpoint"
            : status.getReasonPhrase().toLowerCase(Locale.ROOT);
    return ErrorBody.response(status, message).build();
  }

  @ServerExceptionMapper
  public Response unexpected(Exception e) {
    LOG.errorf(e, "request failed: %s", e.toString());
    return ErrorBody.response(Response.Status.INTERNAL_SERVER_ERROR, "internal error").build();
  }

  /** What is wrong with a body, without quoting it. */
  static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      return "unknown field '" + unknown.getPropertyName() + "' in the request body";
    }
    if (e instanceof JsonParseException) {
      return "the request body is not valid JSON";
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String field =
          mapping.getPath().stream()
              .map(
                  reference ->
                      reference.getFieldName() != null
                          ? reference.getFieldName()
                          : "[" + reference.getIndex() + "]")
              .collect(Collectors.joining("."))
              .replace(".[", "[");
      return "field '" + field + "' of the request body has the wrong type";
    }
    return "the request body is not the JSON object this endpoint expects";
  }
}
