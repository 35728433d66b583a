package io.lega.hub.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lega.hub.service.User;
import java.util.List;

/**
 * A user as the nodes' inboxes read them to authenticate logins. These field names are a contract
 * with the inbox service (its {@code HubUserDirectory}): keep them.
 *
 * @param username login name
 * @param enabled {@code false}: the inbox refuses the user
 * @param passwordHash bcrypt hash, or {@code null} for no password login
 * @param sshPublicKeys {@code authorized_keys} lines
 * @param roles the user's roles
 */
public record ServiceUserView(
    @JsonProperty("username") String username,
    @JsonProperty("enabled") boolean enabled,
    @JsonProperty("password_hash") String passwordHash,
    @JsonProperty("ssh_public_keys") List<String> sshPublicKeys,
    @JsonProperty("roles") List<String> roles) {

  static ServiceUserView of(User user) {
    return new ServiceUserView(
        user.username(),
        user.enabled(),
        user.passwordHash(),
        user.sshKeys().stream().map(User.SshKey::line).toList(),
        user.roles());
  }

  /** Never shows the hash. */
  @Override
  public String toString() {
    return "ServiceUserView[username=" + username + ", enabled=" + enabled + "]";
  }
}
