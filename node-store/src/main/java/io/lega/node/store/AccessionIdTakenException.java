package io.lega.node.store;

import java.util.UUID;

/** The accession id was already given to another file. */
public class AccessionIdTakenException extends StoreConflictException {

  private static final long serialVersionUID = 1L;

  private final UUID fileId;
  private final String accessionId;

  /**
   * @param fileId the file that was to get the accession id
   * @param accessionId the accession id
   * @param cause the unique violation
   */
  public AccessionIdTakenException(UUID fileId, String accessionId, Throwable cause) {
    super("accession id " + accessionId + " belongs to another file than " + fileId, cause);
    this.fileId = fileId;
    this.accessionId = accessionId;
  }

  /**
   * @return the file that was to get the accession id
   */
  public UUID fileId() {
    return fileId;
  }

  /**
   * @return the accession id
   */
  public String accessionId() {
    return accessionId;
  }
}
