package io.lega.hub.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client for the hub's API (the JDK's), with JSON bodies. */
public final class Http {

  /** The bearer tokens of src/test/resources/application.properties. */
  public static final String ADMIN = "test-admin-token-0123456789";

  public static final String SERVICE = "test-service-token-0123456789";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  /** An answer: status, the headers we look at, and the body as JSON (or null if empty). */
  public record Answer(int status, String location, String wwwAuthenticate, String text) {
    public JsonNode json() {
      try {
        return text.isEmpty() ? null : JSON.readTree(text);
      } catch (IOException e) {
        throw new AssertionError("not JSON (HTTP " + status + "): " + text, e);
      }
    }

    /** The {@code error} field of an error answer. */
    public String error() {
      JsonNode json = json();
      if (json == null || !json.path("error").isTextual()) {
        throw new AssertionError("no {\"error\": ...} body (HTTP " + status + "): " + text);
      }
      return json.get("error").asText();
    }
  }

  public Http(URI base) {
    this.base = base;
  }

  public Answer get(String path, String token) {
    return send("GET", path, token, null);
  }

  public Answer post(String path, String token, Object body) {
    return send("POST", path, token, body);
  }

  public Answer put(String path, String token, Object body) {
    return send("PUT", path, token, body);
  }

  public Answer patch(String path, String token, Object body) {
    return send("PATCH", path, token, body);
  }

  public Answer delete(String path, String token) {
    return send("DELETE", path, token, null);
  }

  /** Sends a request; {@code body} is serialized to JSON unless it is a String (sent as it is). */
  public Answer send(String method, String path, String token, Object body) {
    return sendAuthorized(method, path, token == null ? null : "Bearer " + token, body);
  }

  /** Sends a request with this {@code Authorization} header value (none if null). */
  public Answer sendAuthorized(String method, String path, String authorization, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    request.header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      String text;
      try {
        text = body instanceof String s ? s : JSON.writeValueAsString(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(text));
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.headers().firstValue("Location").orElse(null),
          response.headers().firstValue("WWW-Authenticate").orElse(null),
          response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
