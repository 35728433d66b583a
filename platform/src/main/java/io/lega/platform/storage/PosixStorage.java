package io.lega.platform.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Objects as files under a root directory: object {@code a/b/c} is the file {@code root/a/b/c};
 * parent directories are created as needed.
 *
 * <p>A write goes to a hidden temporary file ({@code .lega-write-<uuid>.tmp}) in the target's
 * directory, is forced to disk, then renamed over the target atomically, and the directory is
 * forced too; a failed write deletes its temporary file. Names never resolve outside the root:
 * besides the name rules, a path whose existing part leads outside the root through a symbolic link
 * is refused. These checks guard against links already present, not against someone changing the
 * tree concurrently: the root must be writable only by the services that use it.
 *
 * <p>Objects of a megabyte or more are written, and read whole, with direct I/O where the file
 * system allows it ({@link DirectFiles}): they bypass the page cache. Range reads and small objects
 * go through it as usual.
 *
 * <p>Directories are not objects: {@code stat} of a directory answers empty, and deleting an object
 * leaves its (possibly empty) parent directories in place.
 */
public final class PosixStorage implements Storage {
  private static final int SMALL_BUFFER = 64 * 1024;
  private static final String TEMP_PREFIX = ".lega-write-";

  private final Path root;

  private PosixStorage(Path root) {
    this.root = root;
  }

  /**
   * Opens the storage, creating the root if the settings allow.
   *
   * @throws StorageException if the root is missing (and may not be created), is not a directory,
   *     or cannot be created
   */
  public static PosixStorage open(PosixSettings settings) throws StorageException {
    Path root = settings.root().toAbsolutePath().normalize();
    try {
      if (settings.createRoot()) {
        Files.createDirectories(root);
      }
      if (!Files.isDirectory(root)) {
        throw new StorageException(
            "POSIX storage root " + root + " does not exist or is not a directory");
      }
      return new PosixStorage(root.toRealPath());
    } catch (StorageException e) {
      throw e;
    } catch (IOException e) {
      throw new StorageException("cannot open POSIX storage root " + root + ": " + e, e);
    }
  }

  /** The root directory, as a real path. */
  public Path root() {
    return root;
  }

  @Override
  public long write(String name, InputStream data) throws IOException {
    Path target = locate(name);
    Objects.requireNonNull(data, "data");
    Path directory = target.getParent();
    try {
      Files.createDirectories(directory);
    } catch (FileAlreadyExistsException e) {
      throw failure("write", name, "a parent of it is an object, not a directory", e);
    } catch (IOException e) {
      throw failure("write", name, e);
    }
    Path temp = directory.resolve(TEMP_PREFIX + UUID.randomUUID() + ".tmp");
    SourceStream source = new SourceStream(data);
    boolean moved = false;
    try {
      // a small object (a header, a small body) costs one small buffer; a large one grows it to
      // the direct-I/O buffer once its first 64 KiB are in
      byte[] first = new byte[SMALL_BUFFER];
      int length = source.readNBytes(first, 0, first.length);
      if (length == SMALL_BUFFER) {
        first = Arrays.copyOf(first, DirectFiles.BUFFER_SIZE);
        length += source.readNBytes(first, SMALL_BUFFER, first.length - SMALL_BUFFER);
      }
      FileChannel direct =
          length == DirectFiles.BUFFER_SIZE ? DirectFiles.openForWrite(temp) : null;
      if (direct != null) {
        DirectFiles.write(direct, temp, first, length, source);
      } else {
        writeBuffered(temp, first, length, source);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      moved = true;
      forceDirectory(directory);
      return source.count();
    } catch (IOException | RuntimeException e) {
      source.rethrowSourceFailure();
      if (e instanceof AtomicMoveNotSupportedException) {
        throw failure("write", name, "the file system cannot rename atomically", e);
      }
      throw failure("write", name, e);
    } finally {
      if (!moved) {
        deleteQuietly(temp);
      }
    }
  }

  /** Writes through the page cache: small objects, or where direct I/O is refused. */
  private static void writeBuffered(Path temp, byte[] first, int length, InputStream source)
      throws IOException {
    try (FileChannel out =
        FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer chunk = ByteBuffer.wrap(first, 0, length);
      while (length > 0) {
        while (chunk.hasRemaining()) {
          out.write(chunk);
        }
        length = source.read(first, 0, first.length);
        chunk = ByteBuffer.wrap(first, 0, Math.max(length, 0));
      }
      out.force(true);
    }
  }

  @Override
  public InputStream read(String name) throws IOException {
    Path path = locate(name);
    try {
      if (Files.isRegularFile(path) && Files.size(path) >= DirectFiles.BUFFER_SIZE) {
        FileChannel direct = DirectFiles.openForRead(path);
        if (direct != null) {
          return DirectFiles.reader(direct);
        }
      }
    } catch (NoSuchFileException e) {
      throw new NoSuchObjectException(name, describe());
    } catch (IOException e) {
      throw failure("read", name, e);
    }
    return read(name, 0, Long.MAX_VALUE);
  }

  @Override
  public InputStream read(String name, long start, long endExclusive) throws IOException {
    Ranges.check(start, endExclusive);
    Path path = locate(name);
    FileChannel channel = null;
    try {
      if (!Files.isRegularFile(path)) {
        throw new NoSuchObjectException(name, describe());
      }
      channel = FileChannel.open(path, StandardOpenOption.READ);
      long size = channel.size();
      long from = Math.min(start, size);
      long to = Math.min(endExclusive, size);
      channel.position(from);
      return new BoundedInputStream(Channels.newInputStream(channel), to - from);
    } catch (NoSuchObjectException e) {
      throw e;
    } catch (NoSuchFileException e) {
      throw new NoSuchObjectException(name, describe());
    } catch (IOException e) {
      closeQuietly(channel);
      throw failure("read", name, e);
    }
  }

  @Override
  public Optional<ObjectInfo> stat(String name) throws IOException {
    Path path = locate(name);
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      if (!attributes.isRegularFile()) {
        return Optional.empty();
      }
      return Optional.of(
          new ObjectInfo(
              name,
              attributes.size(),
              attributes.lastModifiedTime().toInstant(),
              Optional.empty()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      if (!parentsAreDirectories(path)) {
        return Optional.empty();
      }
      throw failure("stat", name, e);
    }
  }

  @Override
  public void delete(String name) throws IOException {
    Path path = locate(name);
    try {
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      if (Files.deleteIfExists(path)) {
        forceDirectory(path.getParent());
      }
    } catch (IOException e) {
      if (!parentsAreDirectories(path)) {
        return;
      }
      throw failure("delete", name, e);
    }
  }

  /** Nothing to release. */
  @Override
  public void close() {}

  @Override
  public String toString() {
    return describe();
  }

  /**
   * Validates the name and maps it to a path inside the root, refusing a path whose existing part
   * leads outside the root through a symbolic link.
   */
  private Path locate(String name) throws StorageException {
    ObjectNames.validate(name);
    Path path = root.resolve(name).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new InvalidObjectNameException(name, "it resolves outside the storage root");
    }
    // The deepest part of the path that exists decides where it leads. A dangling link says
    // nothing about where its target would be, so its directory is checked instead: opening it
    // fails as missing, and a write or delete replaces the link itself, not its target.
    Path probe = path;
    while (true) {
      if (probe.equals(root)) {
        return path;
      }
      if (Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) {
        try {
          if (!probe.toRealPath().startsWith(root)) {
            throw new StorageException(
                "object '%s' in %s leads outside the storage root through a symbolic link"
                    .formatted(name, describe()));
          }
          return path;
        } catch (NoSuchFileException dangling) {
          // fall through to the parent
        } catch (StorageException e) {
          throw e;
        } catch (IOException e) {
          throw failure("resolve", name, e);
        }
      }
      probe = probe.getParent();
    }
  }

  /** Whether every existing ancestor of {@code path} below the root is a directory. */
  private boolean parentsAreDirectories(Path path) {
    for (Path p = path.getParent(); p != null && !p.equals(root); p = p.getParent()) {
      if (Files.exists(p) && !Files.isDirectory(p)) {
        return false;
      }
    }
    return true;
  }

  private static void forceDirectory(Path directory) {
    // Makes the rename or delete durable. Linux allows fsync on a directory opened for reading;
    // where a platform does not, the entry is still written, only later.
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // best effort
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // the temporary file stays; its name marks it as such
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing was read from it
      }
    }
  }

  private String describe() {
    return "POSIX storage " + root;
  }

  private StorageException failure(String operation, String name, Exception cause) {
    return failure(operation, name, cause.toString(), cause);
  }

  private StorageException failure(String operation, String name, String reason, Throwable cause) {
    return new StorageException(
        "POSIX " + operation + " of object '" + name + "' in " + root + " failed: " + reason,
        cause);
  }
}
