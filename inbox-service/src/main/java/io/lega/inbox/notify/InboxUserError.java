package io.lega.inbox.notify;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The submission is at fault: becomes a {@code files.error} message.
 *
 * @param fileId the file's id (correlation id)
 * @param user the submitter
 * @param filepath path relative to the user's inbox
 * @param reason a clear reason, safe to show the submitter
 * @param checksums the checksums of the file as uploaded, when known
 */
public record InboxUserError(
    UUID fileId, String user, String filepath, String reason, Optional<FileChecksums> checksums) {

  public InboxUserError {
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(filepath, "filepath");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(checksums, "checksums");
  }
}
