package io.lega.platform.storage;

/**
 * The object does not exist. Thrown by {@link Storage#read(String)} and {@link Storage#read(String,
 * long, long)}; {@link Storage#stat(String)} answers {@link java.util.Optional#empty()} instead,
 * and {@link Storage#delete(String)} treats a missing object as already deleted.
 */
public final class NoSuchObjectException extends StorageException {
  private static final long serialVersionUID = 1L;

  private final String objectName;

  public NoSuchObjectException(String objectName, String where) {
    super("no object '" + objectName + "' in " + where);
    this.objectName = objectName;
  }

  /** The name of the missing object. */
  public String objectName() {
    return objectName;
  }
}
