package io.lega.inbox.sftp;

import java.nio.file.FileSystemException;

/**
 * Whether the file is being ingested cannot be known now (the node database is down or slow), so
 * the operation is refused: {@code SSH_FX_FAILURE}, with a message that says to try again.
 */
public final class IngestionCheckFailedException extends FileSystemException
    implements ClientVisible {

  static final String REASON = "cannot check whether the file is being ingested; try again";

  public IngestionCheckFailedException(String file, Throwable cause) {
    super(file, null, REASON);
    initCause(cause);
  }

  @Override
  public String clientMessage() {
    return getFile() + ": " + getReason();
  }
}
