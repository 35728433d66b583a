package io.lega.node.store;

import java.util.Objects;

/**
 * Where and how ingest archived a file.
 *
 * @param header the Crypt4GH header re-encrypted for the archive key (never logged: {@link
 *     #toString()} leaves it out)
 * @param dataKeySha256 SHA-256 (hex) of the file's data key, to recognize the same file submitted
 *     twice
 * @param archiveLocation object name of the body in archive storage
 * @param archiveSize size of the archived body in bytes
 */
public record ArchiveInfo(
    byte[] header, String dataKeySha256, String archiveLocation, long archiveSize) {

  /** Checks that every field is given and the size is not negative. */
  public ArchiveInfo {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(dataKeySha256, "dataKeySha256");
    Objects.requireNonNull(archiveLocation, "archiveLocation");
    if (archiveSize < 0) {
      throw new IllegalArgumentException("negative archive size " + archiveSize);
    }
  }

  @Override
  public String toString() {
    return "ArchiveInfo[header="
        + header.length
        + " bytes, dataKeySha256="
        + dataKeySha256
        + ", archiveLocation="
        + archiveLocation
        + ", archiveSize="
        + archiveSize
        + "]";
  }
}
