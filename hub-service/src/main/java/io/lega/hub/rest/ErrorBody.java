package io.lega.hub.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Every error the API returns: {@code {"error": "..."}}, with the status code saying what kind.
 *
 * @param error what went wrong, for the caller
 */
public record ErrorBody(String error) {

  /** A response builder with this body as JSON. */
  public static Response.ResponseBuilder response(Response.StatusType status, String error) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(error));
  }
}
