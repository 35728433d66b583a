package io.lega.node.store;

import java.util.UUID;

/**
 * The user already has a live file at this inbox path (one not {@code ready}, {@code error} or
 * {@code disabled}). To register a new upload there, end the other file first (an {@code error} or
 * {@code disabled} event).
 */
public class InboxPathInUseException extends StoreConflictException {

  private static final long serialVersionUID = 1L;

  private final String user;
  private final String inboxPath;
  private final UUID liveFileId;

  /**
   * @param user the submitter
   * @param inboxPath the path
   * @param liveFileId the file that is live there, or {@code null} if not known (a race lost to a
   *     concurrent registration)
   * @param cause the unique violation, or {@code null}
   */
  public InboxPathInUseException(String user, String inboxPath, UUID liveFileId, Throwable cause) {
    super(
        "user "
            + user
            + " has a live file at "
            + inboxPath
            + (liveFileId == null ? "" : " (" + liveFileId + ")"),
        cause);
    this.user = user;
    this.inboxPath = inboxPath;
    this.liveFileId = liveFileId;
  }

  /**
   * @return the submitter
   */
  public String user() {
    return user;
  }

  /**
   * @return the path
   */
  public String inboxPath() {
    return inboxPath;
  }

  /**
   * @return the file live at the path, or {@code null} if not known
   */
  public UUID liveFileId() {
    return liveFileId;
  }
}
