package io.lega.inbox.sftp;

import io.lega.inbox.auth.Usernames;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.session.SessionContext;

/**
 * Gives each user a file system rooted at {@code <inbox-root>/<username>/} (a MINA {@code
 * RootedFileSystem}), made with mode 0700 at first login. The user sees it as {@code /}; other
 * users' folders are outside it.
 */
final class InboxFileSystemFactory extends VirtualFileSystemFactory {

  private final Path root;

  /**
   * @param root the inbox root: absolute, symbolic links resolved
   */
  InboxFileSystemFactory(Path root) {
    super(root);
    this.root = root;
  }

  @Override
  public Path getUserHomeDir(SessionContext session) throws IOException {
    String user = session.getUsername();
    if (!Usernames.isValid(user)) {
      throw new InvalidPathException(String.valueOf(user), "not a valid inbox user name");
    }
    Path home = root.resolve(user);
    if (!root.equals(home.normalize().getParent())) {
      throw new InvalidPathException(user, "not a valid inbox user name");
    }
    try {
      Files.createDirectory(
          home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException alreadyThere) {
      // Made at an earlier login: checked below.
    }
    if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotDirectoryException(user);
    }
    return home;
  }
}
