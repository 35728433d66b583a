package io.lega.hub.service;

import java.time.Instant;
import java.util.List;

/**
 * A user as the directory holds them.
 *
 * @param username login name
 * @param email contact address
 * @param passwordHash bcrypt hash, or {@code null} for no password login
 * @param enabled whether the user may log in and act at all
 * @param roles role names, in {@link Role} order
 * @param sshKeys public keys, in the order they were added
 * @param ingestOnUpload ingest the user's uploads at once: {@code null} follows {@code
 *     lega.hub.ingest-on-upload}, {@code true} or {@code false} overrides it
 * @param createdAt when the user was registered
 * @param updatedAt when the user was last changed
 */
public record User(
    String username,
    String email,
    String passwordHash,
    boolean enabled,
    List<String> roles,
    List<SshKey> sshKeys,
    Boolean ingestOnUpload,
    Instant createdAt,
    Instant updatedAt) {

  /**
   * One stored public key.
   *
   * @param type e.g. {@code ssh-ed25519}
   * @param line the {@code authorized_keys} line
   * @param fingerprint {@code SHA256:...}
   */
  public record SshKey(String type, String line, String fingerprint) {}

  /** Never shows the password hash. */
  @Override
  public String toString() {
    return "User[username="
        + username
        + ", enabled="
        + enabled
        + ", password="
        + (passwordHash == null ? "none" : "set")
        + ", roles="
        + roles
        + ", sshKeys="
        + sshKeys.size()
        + "]";
  }
}
