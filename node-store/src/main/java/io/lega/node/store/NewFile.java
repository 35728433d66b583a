package io.lega.node.store;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A file to register, as the inbox reports it.
 *
 * @param id the file's correlation id (made by the inbox)
 * @param user the submitter's username
 * @param inboxPath the path relative to the user's inbox folder
 * @param inboxSize the encrypted file's size in bytes, or {@code null} if not known yet
 * @param inboxLastModified its last modification time, or {@code null} if not known
 */
public record NewFile(
    UUID id, String user, String inboxPath, Long inboxSize, Instant inboxLastModified) {

  /** Checks the required fields and the size. */
  public NewFile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(inboxPath, "inboxPath");
    if (inboxSize != null && inboxSize < 0) {
      throw new IllegalArgumentException("negative inbox size " + inboxSize);
    }
  }
}
