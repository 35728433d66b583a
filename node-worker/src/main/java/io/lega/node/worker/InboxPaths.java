package io.lega.node.worker;

import io.lega.contracts.MalformedMessageException;
import io.lega.node.store.model.FileEntity;

/**
 * How messages name a file in a submitter's inbox: a path relative to the user's inbox folder, with
 * or without leading slashes ({@code /a/b} and {@code a/b} are the same file).
 */
public final class InboxPaths {

  private InboxPaths() {}

  /** The path without its leading slashes ({@code ""} for {@code null}). */
  public static String stripSlashes(String path) {
    String stripped = path == null ? "" : path;
    while (stripped.startsWith("/")) {
      stripped = stripped.substring(1);
    }
    return stripped;
  }

  /** The name of a user's file in the inbox storage: {@code <user>/<path>}. */
  public static String objectName(String user, String path) {
    return user + "/" + stripSlashes(path);
  }

  /** Whether a message's user and file path name this file. */
  public static boolean sameFile(FileEntity file, String user, String filepath) {
    return file.submissionUser.equals(user)
        && stripSlashes(file.inboxPath).equals(stripSlashes(filepath));
  }

  /**
   * A message about a known file id must name that file.
   *
   * @throws MalformedMessageException if it names another (the message is quarantined)
   */
  public static void requireSameFile(FileEntity file, String user, String filepath) {
    if (!sameFile(file, user, filepath)) {
      throw new MalformedMessageException(
          "the message is about %s of %s, but file %s is %s of %s"
              .formatted(filepath, user, file.id, file.inboxPath, file.submissionUser));
    }
  }
}
