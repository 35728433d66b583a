package io.lega.hub.service;

import java.util.List;

/**
 * What a registration or a change asks of a user, checked; a {@code null} field stays as it is.
 *
 * @param email contact address
 * @param password the password, checked but not yet hashed
 * @param roles role names, in {@link Role} order
 * @param sshKeys the keys, parsed
 * @param enabled whether the user may log in
 * @param ingestOnUpload the user's ingest-on-upload switch
 */
record UserFields(
    String email,
    String password,
    List<String> roles,
    List<SshPublicKey> sshKeys,
    Boolean enabled,
    UploadSwitch ingestOnUpload) {

  /** Only {@code enabled} changes. */
  static UserFields enabled(boolean enabled) {
    return new UserFields(null, null, null, null, enabled, null);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "UserFields[password=" + (password == null ? "none" : "***") + "]";
  }
}
