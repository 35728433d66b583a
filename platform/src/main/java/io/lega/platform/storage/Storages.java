package io.lega.platform.storage;

import java.io.IOException;
import java.io.InputStream;

/** Opens a {@link Storage} from its settings, and copies objects between storages. */
public final class Storages {
  private Storages() {}

  /**
   * Opens the backend the settings describe: {@link S3Storage} for {@link S3Settings}, {@link
   * PosixStorage} for {@link PosixSettings}. The caller closes it.
   *
   * @throws StorageException if the backend cannot be reached or prepared (bucket, root directory)
   */
  public static Storage create(StorageSettings settings) throws StorageException {
    if (settings instanceof S3Settings s3) {
      return S3Storage.open(s3);
    }
    if (settings instanceof PosixSettings posix) {
      return PosixStorage.open(posix);
    }
    throw new IllegalArgumentException("unknown storage settings: " + settings);
  }

  /**
   * Streams object {@code name} from {@code source} to the same name in {@code target} (the backup
   * copy), replacing any object there. Memory use does not depend on the object's size.
   *
   * @return the number of bytes copied
   * @throws NoSuchObjectException if {@code source} has no such object
   * @throws StorageException if either storage fails; a failed copy leaves no partial object in
   *     {@code target}
   */
  public static long copy(Storage source, Storage target, String name) throws IOException {
    try (InputStream in = source.read(name)) {
      return target.write(name, in);
    }
  }
}
