package io.lega.node.store;

import io.lega.contracts.ChecksumType;
import io.lega.node.store.model.ChecksumSource;
import java.util.UUID;

/** A file already has a different checksum of this source and type. */
public class ChecksumConflictException extends StoreConflictException {

  private static final long serialVersionUID = 1L;

  private final UUID fileId;
  private final ChecksumSource source;
  private final ChecksumType type;

  /**
   * @param fileId the file
   * @param source which bytes
   * @param type the algorithm
   * @param stored the value stored already
   * @param offered the value that was to be stored
   */
  public ChecksumConflictException(
      UUID fileId, ChecksumSource source, ChecksumType type, String stored, String offered) {
    super(
        "file "
            + fileId
            + " has "
            + source.value()
            + " "
            + type.jsonName()
            + " "
            + stored
            + ", not "
            + offered);
    this.fileId = fileId;
    this.source = source;
    this.type = type;
  }

  /**
   * @return the file
   */
  public UUID fileId() {
    return fileId;
  }

  /**
   * @return which bytes the checksum is of
   */
  public ChecksumSource source() {
    return source;
  }

  /**
   * @return the algorithm
   */
  public ChecksumType type() {
    return type;
  }
}
