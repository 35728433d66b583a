package io.lega.inbox.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The hub's user directory over HTTP, {@code GET {hub}/api/users/{username}} with a bearer token,
 * behind a short cache:
 *
 * <ul>
 *   <li>a user fetched less than {@code cacheTtl} ago is used without asking the hub;
 *   <li>otherwise the hub is asked, and its answer replaces the cached one at once (a user the hub
 *       now reports disabled or unknown is refused immediately);
 *   <li>if the hub cannot be reached or answers with an error, a cached user younger than {@code
 *       staleTtl} is still used (a hub restart locks nobody out); without one, the login is
 *       refused.
 * </ul>
 */
public final class HubUserDirectory implements UserDirectory {

  private static final Logger LOG = Logger.getLogger(HubUserDirectory.class);

  /** The JSON field names of the hub's answer. */
  static final String USERNAME = "username";

  static final String ENABLED = "enabled";
  static final String PASSWORD_HASH = "password_hash";
  static final String SSH_PUBLIC_KEYS = "ssh_public_keys";
  static final String ROLES = "roles";

  private final URI hub;
  private final String token;
  private final Duration cacheTtl;
  private final Duration staleTtl;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  /**
   * @param hub the hub's base URL
   * @param token bearer token, or {@code null} to send none
   */
  public HubUserDirectory(
      URI hub, String token, Duration cacheTtl, Duration staleTtl, Duration timeout, Clock clock) {
    this.hub = hub;
    this.token = token;
    this.cacheTtl = cacheTtl;
    this.staleTtl = staleTtl.compareTo(cacheTtl) < 0 ? cacheTtl : staleTtl;
    this.timeout = timeout;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public Optional<HubUser> find(String username) {
    if (!Usernames.isValid(username)) {
      LOG.infof(
          "refusing a login name the inbox does not accept (%d characters)", length(username));
      return Optional.empty();
    }
    Instant now = clock.instant();
    Cached cached = cache.get(username);
    if (cached != null && cached.fetchedAt().plus(cacheTtl).isAfter(now)) {
      return Optional.of(cached.user());
    }
    Answer answer = fetch(username);
    if (answer instanceof Found found) {
      cache.put(username, new Cached(found.user(), now));
      return Optional.of(found.user());
    }
    if (answer instanceof Unknown) {
      cache.remove(username);
      LOG.infof("user %s is not in the hub's directory", username);
      return Optional.empty();
    }
    String reason = ((Unavailable) answer).reason();
    if (cached != null && cached.fetchedAt().plus(staleTtl).isAfter(now)) {
      LOG.warnf(
          "hub user directory unavailable (%s); using what it said about %s at %s",
          reason, username, cached.fetchedAt());
      return Optional.of(cached.user());
    }
    LOG.errorf(
        "hub user directory unavailable (%s) and nothing recent cached: refusing %s",
        reason, username);
    return Optional.empty();
  }

  private Answer fetch(String username) {
    URI uri =
        URI.create(
            stripSlash(hub.toString())
                + "/api/users/"
                + URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET();
    if (token != null && !token.isEmpty()) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      return new Unavailable(e.getClass().getSimpleName() + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Unavailable("interrupted");
    }
    int status = response.statusCode();
    if (status == 404) {
      return new Unknown();
    }
    if (status != 200) {
      return new Unavailable("HTTP " + status + " from " + uri);
    }
    try {
      HubUser user = parse(response.body());
      if (!user.username().equals(username)) {
        return new Unavailable("the hub answered for another user");
      }
      return new Found(user);
    } catch (IOException | RuntimeException e) {
      // The body may hold a password hash: never quote it.
      return new Unavailable(
          "unreadable answer from " + uri + " (" + e.getClass().getSimpleName() + ")");
    }
  }

  HubUser parse(byte[] body) throws IOException {
    JsonNode root = json.readTree(body);
    if (root == null || !root.isObject()) {
      throw new IOException("not a JSON object");
    }
    JsonNode name = root.get(USERNAME);
    if (name == null || !name.isTextual()) {
      throw new IOException("no username");
    }
    JsonNode enabled = root.get(ENABLED);
    JsonNode hash = root.get(PASSWORD_HASH);
    return new HubUser(
        name.asText(),
        enabled != null && enabled.isBoolean() && enabled.booleanValue(),
        hash != null && hash.isTextual() && !hash.asText().isEmpty() ? hash.asText() : null,
        strings(root.get(SSH_PUBLIC_KEYS)),
        new LinkedHashSet<>(strings(root.get(ROLES))));
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(
          element -> {
            if (element.isTextual()) {
              out.add(element.asText());
            }
          });
    }
    return out;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static int length(String s) {
    return s == null ? 0 : s.length();
  }

  private record Cached(HubUser user, Instant fetchedAt) {}

  private sealed interface Answer permits Found, Unknown, Unavailable {}

  private record Found(HubUser user) implements Answer {}

  private record Unknown() implements Answer {}

  private record Unavailable(String reason) implements Answer {}
}
