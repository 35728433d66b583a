package io.lega.platform.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A directory tree as storage: object {@code a/b/c} is the file {@code root/a/b/c}.
 *
 * @param root the directory that holds every object; names never resolve outside it
 * @param createRoot whether to create {@code root} (and its parents) if it does not exist; if
 *     false, a missing root is an error when the storage is opened
 */
public record PosixSettings(Path root, boolean createRoot) implements StorageSettings {
  public PosixSettings {
    Objects.requireNonNull(root, "root");
  }

  /** Settings for {@code root}, created if missing. */
  public static PosixSettings of(Path root) {
    return new PosixSettings(root, true);
  }
}
