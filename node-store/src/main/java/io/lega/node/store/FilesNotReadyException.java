package io.lega.node.store;

import io.lega.node.store.model.FileState;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A dataset mapping names accession ids no file has, or files that are not {@code ready}: nothing
 * is mapped.
 */
public class FilesNotReadyException extends StoreConflictException {

  private static final long serialVersionUID = 1L;

  private final SortedSet<String> unknown;
  private final SortedMap<String, FileState> notReady;

  /**
   * @param unknown accession ids no file has
   * @param notReady the files' states by accession id, for files that are not ready
   */
  public FilesNotReadyException(Set<String> unknown, Map<String, FileState> notReady) {
    super(
        "unknown accession ids "
            + new TreeSet<>(unknown)
            + ", not ready "
            + new TreeMap<>(notReady));
    this.unknown = new TreeSet<>(unknown);
    this.notReady = new TreeMap<>(notReady);
  }

  /**
   * @return the accession ids no file has, sorted
   */
  public SortedSet<String> unknown() {
    return new TreeSet<>(unknown);
  }

  /**
   * @return the states of the files that are not ready, by accession id, sorted
   */
  public SortedMap<String, FileState> notReady() {
    return new TreeMap<>(notReady);
  }
}
