package io.lega.hub.service;

import io.lega.hub.repository.UserEntity;
import io.lega.hub.repository.UserRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Checks a user's password against the bcrypt hash the hub stores. The check runs on a worker
 * thread (bcrypt is slow on purpose), and an unknown user, a user without a password or a disabled
 * one costs the same check against a dummy hash, so the answer time does not tell who exists. The
 * password is never stored or logged.
 */
@ApplicationScoped
public class UserLogin {

  private final UserRepository users;
  private final String dummyHash;

  public UserLogin(UserRepository users, PasswordHasher hasher) {
    this.users = users;
    this.dummyHash = hasher.hash("not anyone's password, only burns the same time");
  }

  /**
   * The user, if the password is theirs and they are enabled.
   *
   * @throws NotAuthenticatedException (in the Uni) otherwise
   */
  @WithSession
  public Uni<Actor> login(String username, String password) {
    return users
        .findByUsername(username)
        .flatMap(
            user ->
                VertxContextSupport.executeBlocking(() -> checks(user, password))
                    .map(ok -> actor(ok ? user : null)));
  }

  private boolean checks(UserEntity user, String password) {
    boolean usable = user != null && user.enabled && user.passwordHash != null;
    boolean matches =
        password.indexOf('\0') < 0
            && !password.isEmpty()
            && password.getBytes(StandardCharsets.UTF_8).length <= PasswordHasher.MAX_PASSWORD_BYTES
            && OpenBSDBCrypt.checkPassword(
                usable ? user.passwordHash : dummyHash, password.toCharArray());
    return usable && matches;
  }

  private static Actor actor(UserEntity user) {
    if (user == null) {
      throw new NotAuthenticatedException();
    }
    Set<Role> roles =
        Arrays.stream(user.roles)
            .map(Role::of)
            .flatMap(Optional::stream)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    return new Actor(user.username, roles);
  }
}
