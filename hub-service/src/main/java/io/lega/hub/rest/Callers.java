package io.lega.hub.rest;

import io.lega.hub.service.Actor;
import io.lega.hub.service.ForbiddenException;
import io.lega.hub.service.NotAuthenticatedException;
import io.lega.hub.service.UserLogin;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Who calls a {@link UserAccess} endpoint: the admin token makes the admin; {@code Authorization:
 * Basic base64(username:password)} a user, once the password is checked. The service token, or
 * anything else, is refused.
 */
@ApplicationScoped
public class Callers {

  private static final String BASIC = "basic ";

  private final AccessTokens tokens;
  private final UserLogin login;

  public Callers(AccessTokens tokens, UserLogin login) {
    this.tokens = tokens;
    this.login = login;
  }

  /**
   * The caller an {@code Authorization} header value names.
   *
   * @throws NotAuthenticatedException (in the Uni) without valid credentials
   * @throws ForbiddenException (in the Uni) for the service token
   */
  public Uni<Actor> identify(String authorization) {
    Optional<Caller> token = tokens.identify(authorization);
    if (token.isPresent()) {
      return token.get() == Caller.ADMIN
          ? Uni.createFrom().item(Actor.ADMIN)
          : Uni.createFrom()
              .failure(new ForbiddenException("the service token may only look users up"));
    }
    Optional<String[]> credentials = basic(authorization);
    if (credentials.isEmpty()) {
      return Uni.createFrom().failure(new NotAuthenticatedException());
    }
    return login.login(credentials.get()[0], credentials.get()[1]);
  }

  /** The username and password of a Basic header (RFC 7617, UTF-8), if it is one. */
  private static Optional<String[]> basic(String authorization) {
    if (authorization == null
        || authorization.length() <= BASIC.length()
        || !authorization.substring(0, BASIC.length()).toLowerCase(Locale.ROOT).equals(BASIC)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(BASIC.length()).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon <= 0
        ? Optional.empty()
        : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
  }
}
