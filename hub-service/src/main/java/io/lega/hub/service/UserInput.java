package io.lega.hub.service;

import io.lega.hub.config.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks what a caller asks of the user directory: the fields' constraints, the role names, the SSH
 * keys ({@link SshPublicKey}: parsed, checked, none twice) and the password ({@link
 * PasswordHasher#check}). Invalid input throws {@link InvalidRequestException} naming the field.
 */
@ApplicationScoped
class UserInput {

  private final PasswordHasher hasher;
  private final Validator validator;
  private final HubConfig.Users settings;

  UserInput(PasswordHasher hasher, Validator validator, HubConfig config) {
    this.hasher = hasher;
    this.validator = validator;
    this.settings = config.users();
  }

  /** A registration's fields: no roles and no keys if none are given; enabled. */
  Fields registration(NewUser request) {
    if (request == null) {
      throw new InvalidRequestException("a JSON body describing the user is required");
    }
    validate(request);
    List<String> roles = roles(request.roles());
    List<SshPublicKey> sshKeys = sshKeys(request.sshPublicKeys());
    check(request.password());
    return new Fields(request.email(), roles, sshKeys, true, switchOf(request.ingestOnUpload()));
  }

  /** A change's fields: those left out stay {@code null}. */
  Fields changes(UserChanges changes) {
    if (changes == null) {
      throw new InvalidRequestException("a JSON body with the changes is required");
    }
    validate(changes);
    List<String> roles = changes.roles() == null ? null : roles(changes.roles());
    List<SshPublicKey> sshKeys =
        changes.sshPublicKeys() == null ? null : sshKeys(changes.sshPublicKeys());
    check(changes.password());
    return new Fields(changes.email(), roles, sshKeys, changes.enabled(), changes.ingestOnUpload());
  }

  private void check(String password) {
    if (password != null) {
      hasher.check(password);
    }
  }

  /** A registration's {@code ingest_on_upload}: none follows the global switch. */
  private static UploadSwitch switchOf(Boolean on) {
    return on == null ? UploadSwitch.FOLLOW_GLOBAL : on ? UploadSwitch.ON : UploadSwitch.OFF;
  }

  private <T> void validate(T request) {
    Set<ConstraintViolation<T>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new InvalidRequestException(
          violations.stream()
              .map(ConstraintViolation::getMessage)
              .sorted()
              .collect(Collectors.joining("; ")));
    }
  }

  /** Role names checked and put in {@link Role} order; duplicates collapse. */
  private static List<String> roles(List<String> names) {
    if (names == null) {
      return List.of();
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names) {
      if (name == null) {
        throw new InvalidRequestException("roles must not contain null");
      }
      roles.add(
          Role.of(name)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          "unknown role '"
                              + Text.shorten(name)
                              + "' (roles are: "
                              + Role.all()
                              + ")")));
    }
    return Arrays.stream(Role.values()).filter(roles::contains).map(Role::id).toList();
  }

  /** Keys parsed and checked; the same key twice is refused. */
  private List<SshPublicKey> sshKeys(List<String> lines) {
    if (lines == null) {
      return List.of();
    }
    if (lines.size() > settings.maxSshKeys()) {
      throw new InvalidRequestException(
          "at most " + settings.maxSshKeys() + " SSH public keys per user");
    }
    List<SshPublicKey> parsed = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      SshPublicKey key;
      try {
        key = SshPublicKey.parse(lines.get(i), settings.minRsaBits());
      } catch (InvalidRequestException e) {
        throw new InvalidRequestException("ssh_public_keys[" + i + "]: " + e.getMessage());
      }
      Integer earlier = seen.putIfAbsent(key.fingerprint(), i);
      if (earlier != null) {
        throw new InvalidRequestException(
            "ssh_public_keys["
                + i
                + "] is the same key as ssh_public_keys["
                + earlier
                + "] ("
                + key.fingerprint()
                + ")");
      }
      parsed.add(key);
    }
    return parsed;
  }

  /**
   * What a registration or a change asks of a user, checked (the password aside); a {@code null}
   * field stays as it is.
   *
   * @param email contact address
   * @param roles role names, in {@link Role} order
   * @param sshKeys the keys, parsed
   * @param enabled whether the user may log in
   * @param ingestOnUpload the user's ingest-on-upload switch
   */
  record Fields(
      String email,
      List<String> roles,
      List<SshPublicKey> sshKeys,
      Boolean enabled,
      UploadSwitch ingestOnUpload) {

    /** Only {@code enabled} changes. */
    static Fields enabled(boolean enabled) {
      return new Fields(null, null, null, enabled, null);
    }
  }
}
