package io.lega.inbox.sftp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps a file's id (given at upload, the correlation id of every later message about it) in the
 * file's user extended attribute {@code user.lega.file_id}, so that it travels with renames and is
 * known at removal, across restarts and replicas. Where the file system has no extended attributes,
 * rename and remove notifications get a fresh id (logged once).
 */
final class FileIdAttribute {

  static final String ATTRIBUTE = "lega.file_id";

  private static final Logger LOG = Logger.getLogger(FileIdAttribute.class);

  private final AtomicBoolean warned = new AtomicBoolean();

  void write(Path file, UUID id) {
    UserDefinedFileAttributeView view = view(file);
    if (view == null) {
      return;
    }
    try {
      view.write(ATTRIBUTE, StandardCharsets.US_ASCII.encode(id.toString()));
    } catch (IOException | UnsupportedOperationException e) {
      unsupported(e);
    }
  }

  Optional<UUID> read(Path file) {
    UserDefinedFileAttributeView view = view(file);
    if (view == null) {
      return Optional.empty();
    }
    try {
      if (!view.list().contains(ATTRIBUTE)) {
        return Optional.empty();
      }
      ByteBuffer value = ByteBuffer.allocate(64);
      view.read(ATTRIBUTE, value);
      value.flip();
      return Optional.of(UUID.fromString(StandardCharsets.US_ASCII.decode(value).toString()));
    } catch (IOException | IllegalArgumentException | UnsupportedOperationException e) {
      unsupported(e);
      return Optional.empty();
    }
  }

  private UserDefinedFileAttributeView view(Path file) {
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(
            file, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
    if (view == null) {
      unsupported(null);
    }
    return view;
  }

  private void unsupported(Exception e) {
    if (warned.compareAndSet(false, true)) {
      LOG.warnf(
          "file ids cannot be kept in extended attributes here (%s): rename and remove"
              + " notifications carry a new id",
          e == null ? "no user attributes" : e.toString());
    }
  }
}
