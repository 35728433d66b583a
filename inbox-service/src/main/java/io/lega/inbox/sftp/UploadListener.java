package io.lega.inbox.sftp;

import io.lega.inbox.ingestion.IngestionCheckException;
import io.lega.inbox.ingestion.IngestionGuard;
import io.lega.inbox.notify.FileChecksums;
import io.lega.inbox.notify.InboxNotifier;
import io.lega.inbox.notify.InboxUserError;
import io.lega.inbox.notify.NotificationException;
import io.lega.inbox.notify.RemovedFile;
import io.lega.inbox.notify.RenamedFile;
import io.lega.inbox.notify.UploadedFile;
import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Follows what users do in their inbox and reports it: uploads (hashed while they stream in),
 * renames and removals. It also enforces the per-user quota and refuses to touch files that are
 * being ingested. Every refusal is a standard {@code java.nio.file} exception, which MINA turns
 * into the matching SFTP status. When the {@link IngestionGuard} cannot tell whether a file is
 * being ingested, the operation is refused too ({@link IngestionCheckFailedException}).
 */
final class UploadListener implements SftpEventListener {

  private static final Logger LOG = Logger.getLogger(UploadListener.class);

  /** Hands the file id read in {@link #removing} to {@link #removed} (same request). */
  private static final AttributeKey<PendingRemoval> PENDING_REMOVAL = new AttributeKey<>();

  private final InboxNotifier notifier;
  private final IngestionGuard guard;
  private final long quotaBytes;
  private final FileIdAttribute fileIds;
  private final Executor hashing;

  /**
   * @param quotaBytes most bytes per user inbox, 0 for no limit
   */
  UploadListener(
      InboxNotifier notifier, IngestionGuard guard, long quotaBytes, FileIdAttribute fileIds) {
    this(notifier, guard, quotaBytes, fileIds, Runnable::run);
  }

  /**
   * @param quotaBytes most bytes per user inbox, 0 for no limit
   * @param hashing where uploads are hashed while they stream in
   */
  UploadListener(
      InboxNotifier notifier,
      IngestionGuard guard,
      long quotaBytes,
      FileIdAttribute fileIds,
      Executor hashing) {
    this.hashing = hashing;
    this.notifier = notifier;
    this.guard = guard;
    this.quotaBytes = quotaBytes;
    this.fileIds = fileIds;
  }

  @Override
  public void receivedExtension(ServerSession session, String extension, int id)
      throws IOException {
    // copy-data writes through a handle without passing the write events: it would bypass hashing.
    if (SftpConstants.EXT_COPY_DATA.equals(extension)) {
      throw new InboxAccessDeniedException(
          null, "copying on the server is not offered: upload the file");
    }
  }

  @Override
  public void opening(ServerSession session, String remoteHandle, Handle localHandle)
      throws IOException {
    if (!(localHandle instanceof FileHandle handle) || !opensForWriting(handle)) {
      return;
    }
    Path file = handle.getFile();
    String user = session.getUsername();
    String filepath = relative(file);
    // a new file overwrites nothing: only an existing one can be the one being ingested
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      refuseIfIngesting(user, filepath, "overwritten");
    }
    Set<StandardOpenOption> options = handle.getOpenOptions();
    long initialSize =
        options.contains(StandardOpenOption.TRUNCATE_EXISTING)
                || !Files.exists(file, LinkOption.NOFOLLOW_LINKS)
            ? 0
            : Files.size(file);
    long others = quotaBytes > 0 ? bytesInInboxBesides(file) : 0;
    if (quotaBytes > 0 && others + initialSize >= quotaBytes) {
      LOG.infof("%s may not write %s: the inbox is full", user, filepath);
      throw new QuotaExceededException(filepath, quotaBytes);
    }
    handle.setAttribute(
        Upload.KEY,
        new Upload(
            user,
            filepath,
            others,
            initialSize,
            options.contains(StandardOpenOption.APPEND),
            hashing));
  }

  @Override
  public void writing(
      ServerSession session,
      String remoteHandle,
      FileHandle localHandle,
      long offset,
      byte[] data,
      int dataOffset,
      int dataLen)
      throws IOException {
    Upload upload = localHandle.getAttribute(Upload.KEY);
    if (upload == null || quotaBytes <= 0) {
      return;
    }
    if (upload.inboxBytesWith(upload.sizeAfter(offset, dataLen)) > quotaBytes) {
      QuotaExceededException refused = new QuotaExceededException(upload.filepath(), quotaBytes);
      upload.fail(refused);
      LOG.infof("%s went over quota writing %s", upload.user(), upload.filepath());
      throw refused;
    }
  }

  @Override
  public void written(
      ServerSession session,
      String remoteHandle,
      FileHandle localHandle,
      long offset,
      byte[] data,
      int dataOffset,
      int dataLen,
      Throwable thrown) {
    Upload upload = localHandle.getAttribute(Upload.KEY);
    if (upload == null) {
      return;
    }
    if (thrown != null) {
      upload.fail(thrown);
    } else {
      upload.written(offset, data, dataOffset, dataLen);
    }
  }

  @Override
  public void closed(
      ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown)
      throws IOException {
    Upload upload = localHandle.removeAttribute(Upload.KEY);
    if (upload == null) {
      return;
    }
    Throwable failure = thrown != null ? thrown : upload.failure();
    if (failure != null) {
      LOG.warnf(
          "upload of %s by %s failed and is not reported: %s",
          upload.filepath(), upload.user(), failure.toString());
      throw new OperationFailedException(
          upload.filepath(),
          "the upload failed (" + clientReason(failure) + "); upload the file again",
          failure);
    }
    finishUpload(localHandle.getFile(), upload);
  }

  private void finishUpload(Path file, Upload upload) throws IOException {
    long size = Files.size(file);
    long lastModified = Files.getLastModifiedTime(file).to(TimeUnit.SECONDS);
    FileChecksums checksums;
    byte[] head;
    if (upload.covers(size)) {
      checksums = upload.checksums();
      head = upload.head();
    } else {
      LOG.infof(
          "%s wrote %s out of order (a resumed upload?): hashing it from disk",
          upload.user(), upload.filepath());
      Digests digests = new Digests();
      byte[] buffer = new byte[Upload.HEAD_LENGTH];
      int headLength = digests.hashFile(file, buffer);
      checksums = digests.checksums();
      head = java.util.Arrays.copyOf(buffer, headLength);
    }
    UUID fileId = UUID.randomUUID();
    fileIds.write(file, fileId);
    Optional<String> problem = Crypt4ghPreamble.problem(head, size);
    try (var mdc = Mdc.of(upload.user(), fileId)) {
      try {
        if (problem.isPresent()) {
          String reason = upload.filepath() + " is not a Crypt4GH file: " + problem.get();
          LOG.infof("user error: %s", reason);
          notifier.userError(
              new InboxUserError(
                  fileId, upload.user(), upload.filepath(), reason, Optional.of(checksums)));
        } else {
          notifier.uploaded(
              new UploadedFile(
                  fileId, upload.user(), upload.filepath(), size, lastModified, checksums));
          LOG.infof(
              "uploaded %s by %s: %d bytes, sha256 %s",
              upload.filepath(), upload.user(), size, checksums.sha256());
        }
      } catch (NotificationException e) {
        LOG.errorf(e, "upload of %s by %s could not be reported", upload.filepath(), upload.user());
        throw new OperationFailedException(
            upload.filepath(),
            "the upload could not be recorded (the archive is unavailable); upload it again later",
            e);
      }
    }
  }

  @Override
  public void moving(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts)
      throws IOException {
    String user = session.getUsername();
    for (Path file : regularFiles(srcPath)) {
      refuseIfIngesting(user, relative(file), "renamed");
    }
    if (Files.isRegularFile(dstPath, LinkOption.NOFOLLOW_LINKS)) {
      refuseIfIngesting(user, relative(dstPath), "replaced");
    }
  }

  @Override
  public void moved(
      ServerSession session,
      Path srcPath,
      Path dstPath,
      Collection<CopyOption> opts,
      Throwable thrown)
      throws IOException {
    if (thrown != null) {
      return;
    }
    String user = session.getUsername();
    // A folder moves all the files in it: one rename per file.
    for (Path file : regularFiles(dstPath)) {
      Path before = srcPath.resolve(dstPath.relativize(file).toString());
      RenamedFile renamed =
          new RenamedFile(
              fileIds.read(file).orElseGet(UUID::randomUUID),
              user,
              relative(file),
              relative(before));
      try (var mdc = Mdc.of(user, renamed.fileId())) {
        try {
          notifier.renamed(renamed);
          LOG.infof("%s renamed %s to %s", user, renamed.oldpath(), renamed.filepath());
        } catch (NotificationException e) {
          LOG.errorf(e, "rename of %s by %s could not be reported", renamed.oldpath(), user);
          throw new OperationFailedException(
              renamed.filepath(),
              "renamed, but the rename could not be recorded (the archive is unavailable)",
              e);
        }
      }
    }
  }

  @Override
  public void removing(ServerSession session, Path path, boolean isDirectory) throws IOException {
    session.removeAttribute(PENDING_REMOVAL);
    if (isDirectory) {
      return;
    }
    refuseIfIngesting(session.getUsername(), relative(path), "removed");
    fileIds
        .read(path)
        .ifPresent(id -> session.setAttribute(PENDING_REMOVAL, new PendingRemoval(path, id)));
  }

  @Override
  public void removed(ServerSession session, Path path, boolean isDirectory, Throwable thrown)
      throws IOException {
    PendingRemoval pending = session.removeAttribute(PENDING_REMOVAL);
    if (isDirectory || thrown != null) {
      return;
    }
    UUID fileId =
        pending != null && pending.path().equals(path) ? pending.fileId() : UUID.randomUUID();
    String user = session.getUsername();
    RemovedFile removed = new RemovedFile(fileId, user, relative(path));
    try (var mdc = Mdc.of(user, fileId)) {
      try {
        notifier.removed(removed);
        LOG.infof("%s removed %s", user, removed.filepath());
      } catch (NotificationException e) {
        LOG.errorf(e, "removal of %s by %s could not be reported", removed.filepath(), user);
        throw new OperationFailedException(
            removed.filepath(),
            "removed, but the removal could not be recorded (the archive is unavailable)",
            e);
      }
    }
  }

  @Override
  public void modifyingAttributes(ServerSession session, Path path, Map<String, ?> attrs)
      throws IOException {
    // Truncating or extending a file would change it without an upload being reported.
    if (attrs.containsKey("size")) {
      throw new InboxAccessDeniedException(
          relative(path), "changing a file's size is not offered: upload it again");
    }
  }

  /**
   * Refuses the operation if the file is being ingested ({@code SSH_FX_PERMISSION_DENIED}), or if
   * that cannot be known ({@code SSH_FX_FAILURE}, "try again", logged as an error).
   */
  private void refuseIfIngesting(String user, String filepath, String what)
      throws FileSystemException {
    boolean locked;
    try {
      locked = guard.isLocked(user, filepath);
    } catch (IngestionCheckException e) {
      LOG.errorf(e, "%s of %s cannot be %s: %s", filepath, user, what, e.getMessage());
      throw new IngestionCheckFailedException(filepath, e);
    }
    if (locked) {
      LOG.infof("%s of %s cannot be %s: it is being ingested", filepath, user, what);
      throw new InboxAccessDeniedException(
          filepath, "the file is being ingested and cannot be " + what + " now");
    }
  }

  private static boolean opensForWriting(FileHandle handle) {
    Set<StandardOpenOption> options = handle.getOpenOptions();
    return options.contains(StandardOpenOption.WRITE)
        || options.contains(StandardOpenOption.APPEND);
  }

  /** Bytes in the regular files of the user's inbox, except {@code file}. */
  private static long bytesInInboxBesides(Path file) throws IOException {
    Path target = file.toAbsolutePath().normalize();
    long[] total = {0};
    Files.walkFileTree(
        target.getRoot(),
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !f.toAbsolutePath().normalize().equals(target)) {
              total[0] += attrs.size();
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) {
            return FileVisitResult.CONTINUE;
          }
        });
    return total[0];
  }

  /** {@code path} if it is a regular file, every regular file under it if it is a folder. */
  private static List<Path> regularFiles(Path path) throws IOException {
    List<Path> files = new ArrayList<>();
    if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      files.add(path);
    } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (var walk = Files.walk(path)) {
        walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).forEach(files::add);
      }
    }
    return files;
  }

  /** A path in the user's rooted file system as the protocol names it: no leading slash. */
  static String relative(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    return absolute.getRoot().relativize(absolute).toString();
  }

  /** What of a failure the client may see: our own messages, else the exception's kind. */
  private static String clientReason(Throwable failure) {
    if (failure instanceof ClientVisible visible) {
      return visible.clientMessage();
    }
    return failure.getClass().getSimpleName();
  }

  private record PendingRemoval(Path path, UUID fileId) {}

  /** Puts the user and file id in the logging context for the lines about one file. */
  private static final class Mdc implements AutoCloseable {

    static Mdc of(String user, UUID fileId) {
      MDC.put("user", user);
      MDC.put("fileId", fileId.toString());
      MDC.put("correlationId", fileId.toString());
      return new Mdc();
    }

    @Override
    public void close() {
      MDC.remove("user");
      MDC.remove("fileId");
      MDC.remove("correlationId");
    }
  }
}
