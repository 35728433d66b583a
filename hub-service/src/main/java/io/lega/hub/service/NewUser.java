package io.lega.hub.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * A user to register ({@code POST /api/users}).
 *
 * @param username login name, {@value #USERNAME_PATTERN}; never changes and is never reused
 * @param email contact address
 * @param password optional; stored only as a bcrypt hash
 * @param sshPublicKeys optional {@code authorized_keys} lines (Ed25519, RSA, ECDSA)
 * @param roles optional subset of {@code submitter}, {@code researcher}, {@code dac}, {@code
 *     admin}; none by default
 * @param ingestOnUpload optional: {@code true} or {@code false} overrides {@code
 *     lega.hub.ingest-on-upload} for this user's uploads; none (or {@code null}) follows it
 */
public record NewUser(
    @NotNull(message = "username is required")
        @Pattern(
            regexp = USERNAME_PATTERN,
            message =
                "username must be 1 to 64 characters: a lower-case letter or '_', then lower-case"
                    + " letters, digits, '.', '_' or '-'")
        String username,
    @NotBlank(message = "email is required")
        @Email(message = "email is not a valid e-mail address")
        @Size(max = 254, message = "email must have at most 254 characters")
        String email,
    String password,
    @JsonProperty("ssh_public_keys") List<String> sshPublicKeys,
    List<String> roles,
    @JsonProperty("ingest_on_upload") Boolean ingestOnUpload) {

  /** What a username looks like (the database checks the same). */
  public static final String USERNAME_PATTERN = "^[a-z_][a-z0-9._-]{0,63}$";

  /** Never shows the password. */
  @Override
  public String toString() {
    return "NewUser[username="
        + username
        + ", email="
        + email
        + ", password="
        + (password == null ? "none" : "***")
        + ", sshPublicKeys="
        + (sshPublicKeys == null ? 0 : sshPublicKeys.size())
        + ", roles="
        + roles
        + ", ingestOnUpload="
        + ingestOnUpload
        + "]";
  }
}
