package io.lega.node.store;

import java.util.UUID;

/**
 * Another live file (one not in {@code error} or {@code disabled}) has the same data key: the same
 * encrypted file was submitted twice. A user error for the submitter.
 */
public class DuplicateDataKeyException extends StoreConflictException {

  private static final long serialVersionUID = 1L;

  private final UUID fileId;

  /**
   * @param fileId the file whose archive information was to be set
   * @param cause the unique violation
   */
  public DuplicateDataKeyException(UUID fileId, Throwable cause) {
    super("another file has the data key of file " + fileId + ": submitted twice", cause);
    this.fileId = fileId;
  }

  /**
   * @return the file that repeats an earlier one
   */
  public UUID fileId() {
    return fileId;
  }
}
