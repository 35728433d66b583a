package io.lega.inbox.notify;

import java.util.Objects;
import java.util.UUID;

/**
 * A file uploaded to the inbox: becomes an {@code upload} message on {@code files.inbox}.
 *
 * @param fileId the file's new id, the correlation id of every later message about it
 * @param user the submitter
 * @param filepath path relative to the user's inbox, {@code /}-separated, no leading slash
 * @param filesize bytes in the file
 * @param lastModified modification time, unix seconds
 * @param checksums SHA-256 and MD5 of the file as uploaded (encrypted)
 */
public record UploadedFile(
    UUID fileId,
    String user,
    String filepath,
    long filesize,
    long lastModified,
    FileChecksums checksums) {

  public UploadedFile {
    Objects.requireNonNull(fileId, "fileId");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(filepath, "filepath");
    Objects.requireNonNull(checksums, "checksums");
  }
}
