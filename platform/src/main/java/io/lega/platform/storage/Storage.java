package io.lega.platform.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * A flat store of named, immutable byte objects: the archive, its backup, or an inbox. Backends are
 * {@link S3Storage} and {@link PosixStorage}; services get one from {@link
 * Storages#create(StorageSettings)}, so the choice is configuration.
 *
 * <p>Names follow {@link ObjectNames#validate(String)} on every backend; a name that breaks the
 * rules is an {@link InvalidObjectNameException} before any I/O. A missing object is a {@link
 * NoSuchObjectException}; any other backend failure is a {@link StorageException}. Both are {@link
 * IOException}s.
 *
 * <p>Implementations are safe for concurrent use. Concurrent writes of the same name: the last one
 * to complete wins, readers see either the old or the new object, never a mix.
 */
public interface Storage extends Closeable {

  /**
   * Stores everything {@code data} yields until its end under {@code name}, replacing any object of
   * that name. The length need not be known in advance, and memory use does not grow with it: the
   * stream is consumed in bounded chunks (for S3, one part at a time).
   *
   * <p>The object appears only once complete. If the write fails, nothing is left behind: no
   * partial object, and an object that existed before keeps its old content. {@code data} is not
   * closed.
   *
   * @return the number of bytes stored
   * @throws IOException the exception {@code data} threw, unchanged, if reading the source failed
   *     (so callers can tell a bad source from a bad store); otherwise a {@link StorageException}
   * @throws InvalidObjectNameException if {@code name} is not valid
   */
  long write(String name, InputStream data) throws IOException;

  /**
   * Opens the whole object for reading. The caller closes the stream.
   *
   * @throws NoSuchObjectException if there is no such object
   * @throws StorageException on any other failure
   */
  InputStream read(String name) throws IOException;

  /**
   * Opens the bytes {@code [start, endExclusive)} of the object. The range is clamped at the end of
   * the object: a range that runs past the end yields the bytes up to the end, and a range starting
   * at or after the end yields an empty stream. An empty range ({@code start == endExclusive})
   * yields an empty stream. The caller closes the stream.
   *
   * @throws IllegalArgumentException if {@code start < 0} or {@code endExclusive < start}
   * @throws NoSuchObjectException if there is no such object (also for an empty range)
   * @throws StorageException on any other failure
   */
  InputStream read(String name, long start, long endExclusive) throws IOException;

  /**
   * Describes the object, or answers empty if there is none.
   *
   * @throws StorageException if the backend could not answer
   */
  Optional<ObjectInfo> stat(String name) throws IOException;

  /**
   * Deletes the object. Deleting a missing object is not an error, so a delete can be repeated.
   *
   * @throws StorageException if the backend failed to delete
   */
  void delete(String name) throws IOException;

  /**
   * Whether the object exists.
   *
   * @throws StorageException if the backend could not answer
   */
  default boolean exists(String name) throws IOException {
    return stat(name).isPresent();
  }

  /** Releases connections and threads; the storage must not be used afterwards. */
  @Override
  void close();
}
