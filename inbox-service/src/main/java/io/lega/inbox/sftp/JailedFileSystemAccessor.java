package io.lega.inbox.sftp;

import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * Keeps every SFTP operation inside the user's rooted file system. MINA's rooted file system
 * already confines {@code ..} and absolute paths; a symbolic link on disk, though, would be
 * followed out of it. So: every path a client names is checked, component by component, and refused
 * if any of them is a symbolic link (links are never followed, wherever they point); attributes are
 * read without following links; clients cannot create links or copy files on the server (a copy
 * would bypass the upload hashing).
 */
final class JailedFileSystemAccessor implements SftpFileSystemAccessor {

  private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

  @Override
  public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath)
      throws IOException, InvalidPathException {
    Path path = SftpFileSystemAccessor.super.resolveLocalFilePath(subsystem, rootDir, remotePath);
    refuseSymbolicLinks(path);
    return path;
  }

  /** Throws if {@code path}, or a folder on the way to it, is a symbolic link. */
  static void refuseSymbolicLinks(Path path) throws InboxAccessDeniedException {
    Path absolute = path.toAbsolutePath().normalize();
    Path current = absolute.getRoot();
    for (Path name : absolute) {
      current = current.resolve(name);
      if (Files.isSymbolicLink(current)) {
        throw new InboxAccessDeniedException(
            UploadListener.relative(current), "symbolic links are not followed in the inbox");
      }
    }
  }

  @Override
  public LinkOption[] resolveFileAccessLinkOptions(
      SftpSubsystemProxy subsystem, Path file, int cmd, String extension, boolean followLinks) {
    return NO_FOLLOW.clone();
  }

  @Override
  public void createLink(SftpSubsystemProxy subsystem, Path link, Path existing, boolean symLink)
      throws IOException {
    throw new InboxAccessDeniedException(
        UploadListener.relative(link), "links cannot be created in the inbox");
  }

  @Override
  public void copyFile(
      SftpSubsystemProxy subsystem, Path src, Path dst, Collection<CopyOption> opts)
      throws IOException {
    throw new InboxAccessDeniedException(
        UploadListener.relative(dst), "copying on the server is not offered: upload the file");
  }
}
