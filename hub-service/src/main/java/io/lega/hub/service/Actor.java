package io.lega.hub.service;

import java.util.Set;

/**
 * Who makes a request about access: the hub's administrator (the admin token), or a user who logged
 * in with their password.
 *
 * @param username the user; {@code null} for the administrator
 * @param roles the user's roles; none for the administrator
 */
public record Actor(String username, Set<Role> roles) {

  /** The administrator. */
  public static final Actor ADMIN = new Actor(null, Set.of());

  public Actor {
    roles = Set.copyOf(roles);
  }

  /** Whether this is the administrator. */
  public boolean admin() {
    return username == null;
  }

  /** Whether this user has {@code role}. */
  public boolean has(Role role) {
    return roles.contains(role);
  }
}
