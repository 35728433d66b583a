package io.lega.inbox.notify;

import java.util.Objects;
import java.util.UUID;

/**
 * A file removed from the inbox: becomes a {@code remove} message on {@code files.inbox}.
 *
 * @param fileId the id given to the file at upload, or a new one if it is not known
 * @param user the submitter
 * @param filepath the removed path, relative to the user's inbox
 */
public record RemovedFile(UUID fileId, String user, String filepath) {

  public RemovedFile {
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(filepath, "filepath");
  }
}
