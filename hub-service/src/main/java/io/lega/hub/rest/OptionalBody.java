package io.lega.hub.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.hub.service.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads a request body that may be absent (no body, no {@code Content-Type}, or blank): {@code
 * null} then, else the JSON object; a malformed one is a 400 that names what is wrong.
 */
@ApplicationScoped
public class OptionalBody {

  private final ObjectMapper json;

  public OptionalBody(ObjectMapper json) {
    this.json = json;
  }

  /** The body as a {@code type}, or {@code null} if there is none. */
  public <T> T read(String body, Class<T> type) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(ErrorMappers.describe(e));
    }
  }
}
