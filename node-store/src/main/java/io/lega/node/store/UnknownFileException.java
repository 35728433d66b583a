package io.lega.node.store;

import java.util.UUID;

/** No file has this id. */
public class UnknownFileException extends StoreException {

  private static final long serialVersionUID = 1L;

  private final UUID fileId;

  /**
   * @param fileId the id
   */
  public UnknownFileException(UUID fileId) {
    super("no file " + fileId);
    this.fileId = fileId;
  }

  /**
   * @param fileId the id
   * @param cause the foreign key violation behind it
   */
  public UnknownFileException(UUID fileId, Throwable cause) {
    super("no file " + fileId, cause);
    this.fileId = fileId;
  }

  /**
   * @return the id
   */
  public UUID fileId() {
    return fileId;
  }
}
