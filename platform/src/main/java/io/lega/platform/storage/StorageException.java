package io.lega.platform.storage;

import java.io.IOException;

/**
 * A storage operation failed: the backend was unreachable, refused the request, ran out of space,
 * and so on. The message names the operation, the object and where it lives (bucket and endpoint,
 * or root directory), never credentials; the cause carries the backend's own exception.
 *
 * <p>A missing object is the subclass {@link NoSuchObjectException}, so callers that treat
 * "missing" differently catch that first. Failures of the caller's own source stream during {@link
 * Storage#write} are not wrapped: the source's exception is rethrown as it was.
 */
public class StorageException extends IOException {
  private static final long serialVersionUID = 1L;

  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
