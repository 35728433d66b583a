package io.lega.platform.storage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backend knows about a stored object.
 *
 * @param name the object name
 * @param size the size in bytes
 * @param lastModified when the object was last written
 * @param etag the S3 entity tag without quotes; empty on backends that have none (POSIX)
 */
public record ObjectInfo(String name, long size, Instant lastModified, Optional<String> etag) {
  public ObjectInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(lastModified, "lastModified");
    Objects.requireNonNull(etag, "etag");
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
  }
}
