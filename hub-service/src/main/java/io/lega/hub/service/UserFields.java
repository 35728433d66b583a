package io.lega.hub.service;

import java.util.List;

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
record UserFields(
    String email,
    List<String> roles,
    List<SshPublicKey> sshKeys,
    Boolean enabled,
    UploadSwitch ingestOnUpload) {

  /** Only {@code enabled} changes. */
  static UserFields enabled(boolean enabled) {
    return new UserFields(null, null, null, enabled, null);
  }
}
