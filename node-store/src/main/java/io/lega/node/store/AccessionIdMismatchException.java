package io.lega.node.store;

import java.util.UUID;

/** The file already has a different accession id (accession ids never change). */
public class AccessionIdMismatchException extends StoreConflictException {

  private static final long serialVersionUID = 1L;

  private final UUID fileId;
  private final String stored;

  /**
   * @param fileId the file
   * @param stored its accession id
   * @param offered the accession id it was to get
   */
  public AccessionIdMismatchException(UUID fileId, String stored, String offered) {
    super("file " + fileId + " has accession id " + stored + ", not " + offered);
    this.fileId = fileId;
    this.stored = stored;
  }

  /**
   * @return the file
   */
  public UUID fileId() {
    return fileId;
  }

  /**
   * @return the accession id the file has
   */
  public String stored() {
    return stored;
  }
}
