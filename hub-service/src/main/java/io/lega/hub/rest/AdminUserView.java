package io.lega.hub.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lega.hub.service.User;
import java.time.Instant;
import java.util.List;

/**
 * A user as administrators see them: everything but the password hash.
 *
 * @param username login name
 * @param email contact address
 * @param enabled whether the user may log in
 * @param roles the user's roles
 * @param hasPassword whether a password is set (it is never shown, not even hashed)
 * @param sshPublicKeys {@code authorized_keys} lines, in the order they were added
 * @param sshKeyFingerprints the keys' {@code SHA256:} fingerprints, in the same order
 * @param ingestOnUpload {@code true} or {@code false} if set for this user, {@code null} if the
 *     user follows {@code lega.hub.ingest-on-upload}
 * @param createdAt when the user was registered
 * @param updatedAt when the user was last changed
 */
public record AdminUserView(
    String username,
    String email,
    boolean enabled,
    List<String> roles,
    @JsonProperty("has_password") boolean hasPassword,
    @JsonProperty("ssh_public_keys") List<String> sshPublicKeys,
    @JsonProperty("ssh_key_fingerprints") List<String> sshKeyFingerprints,
    @JsonProperty("ingest_on_upload") @JsonInclude(JsonInclude.Include.ALWAYS)
        Boolean ingestOnUpload,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt) {

  static AdminUserView of(User user) {
    return new AdminUserView(
        user.username(),
        user.email(),
        user.enabled(),
        user.roles(),
        user.passwordHash() != null,
        user.sshKeys().stream().map(User.SshKey::line).toList(),
        user.sshKeys().stream().map(User.SshKey::fingerprint).toList(),
        user.ingestOnUpload(),
        user.createdAt(),
        user.updatedAt());
  }
}
