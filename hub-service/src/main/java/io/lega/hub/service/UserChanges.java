package io.lega.hub.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Changes to a user ({@code PUT} and {@code PATCH /api/users/{username}}). A field left out (or
 * {@code null}) stays as it is; a list given replaces the stored one ({@code []} empties it).
 *
 * @param email new contact address
 * @param password new password; stored only as a bcrypt hash
 * @param sshPublicKeys the user's keys from now on
 * @param roles the user's roles from now on
 * @param enabled {@code false} disables the user, {@code true} enables them again
 * @param ingestOnUpload left out ({@code null} here): unchanged; JSON {@code true} or {@code
 *     false}: overrides {@code lega.hub.ingest-on-upload} for this user; JSON {@code null} ({@link
 *     UploadSwitch#FOLLOW_GLOBAL}): follows it again
 */
public record UserChanges(
    @Pattern(regexp = "(?s).*\\S.*", message = "email must not be blank")
        @Email(message = "email is not a valid e-mail address")
        @Size(max = 254, message = "email must have at most 254 characters")
        String email,
    String password,
    @JsonProperty("ssh_public_keys") List<String> sshPublicKeys,
    List<String> roles,
    Boolean enabled,
    @JsonProperty("ingest_on_upload") UploadSwitch ingestOnUpload) {

  /** Whether this names every field a full replacement ({@code PUT}) must name. */
  public boolean complete() {
    return email != null && sshPublicKeys != null && roles != null;
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "UserChanges[email="
        + email
        + ", password="
        + (password == null ? "unchanged" : "***")
        + ", sshPublicKeys="
        + (sshPublicKeys == null ? "unchanged" : sshPublicKeys.size())
        + ", roles="
        + roles
        + ", enabled="
        + enabled
        + ", ingestOnUpload="
        + (ingestOnUpload == null ? "unchanged" : ingestOnUpload)
        + "]";
  }
}
