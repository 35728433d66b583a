package io.lega.inbox.notify;

import java.util.Objects;
import java.util.UUID;

/**
 * A file renamed inside the inbox: becomes a {@code rename} message on {@code files.inbox}.
 *
 * @param fileId the id given to the file at upload, or a new one if it is not known
 * @param user the submitter
 * @param filepath the new path, relative to the user's inbox
 * @param oldpath the previous path, relative to the user's inbox
 */
public record RenamedFile(UUID fileId, String user, String filepath, String oldpath) {

  public RenamedFile {
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(filepath, "filepath");
    Objects.requireNonNull(oldpath, "oldpath");
  }
}
