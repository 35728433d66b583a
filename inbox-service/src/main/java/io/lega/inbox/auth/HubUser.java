package io.lega.inbox.auth;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A user as the hub's directory describes them ({@code GET /api/users/{username}}).
 *
 * @param username the login name
 * @param enabled whether the user may log in at all
 * @param passwordHash bcrypt hash ({@code $2a$}, {@code $2b$} or {@code $2y$}), or {@code null} for
 *     no password login
 * @param sshPublicKeys OpenSSH public key lines ({@code authorized_keys} format)
 * @param roles the user's roles, for example {@code submitter}
 */
public record HubUser(
    String username,
    boolean enabled,
    String passwordHash,
    List<String> sshPublicKeys,
    Set<String> roles) {

  public HubUser {
    Objects.requireNonNull(username, "username");
    sshPublicKeys = List.copyOf(sshPublicKeys);
    roles = Set.copyOf(roles);
  }

  /** Never shows the password hash. */
  @Override
  public String toString() {
    return "HubUser[username="
        + username
        + ", enabled="
        + enabled
        + ", password="
        + (passwordHash == null ? "none" : "set")
        + ", sshPublicKeys="
        + sshPublicKeys.size()
        + ", roles="
        + roles
        + "]";
  }
}
