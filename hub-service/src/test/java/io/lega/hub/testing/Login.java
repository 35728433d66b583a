package io.lega.hub.testing;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user calling the hub's API with their password ({@code Authorization: Basic}). */
public final class Login {

  private final Http http;
  private final String authorization;

  public Login(URI base, String username, String password) {
    this.http = new Http(base);
    this.authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  public Http.Answer get(String path) {
    return http.sendAuthorized("GET", path, authorization, null);
  }

  /** A POST; {@code body} is serialized to JSON (none if null). */
  public Http.Answer post(String path, Object body) {
    return http.sendAuthorized("POST", path, authorization, body);
  }
}
