package io.lega.inbox.sftp;

import java.nio.file.FileSystemException;

/**
 * The operation happened on disk but could not be completed or recorded (a write failed, the hub
 * could not be notified): {@code SSH_FX_FAILURE}, so the client knows the upload did not count.
 */
public final class OperationFailedException extends FileSystemException implements ClientVisible {

  public OperationFailedException(String file, String reason, Throwable cause) {
    super(file, null, reason);
    if (cause != null) {
      initCause(cause);
    }
  }

  @Override
  public String clientMessage() {
    return getFile() + ": " + getReason();
  }
}
