package io.lega.inbox.sftp;

import java.nio.file.AccessDeniedException;

/**
 * The inbox refuses the operation (a file being ingested, a symbolic link, an operation the inbox
 * does not offer): {@code SSH_FX_PERMISSION_DENIED} with this message.
 */
public final class InboxAccessDeniedException extends AccessDeniedException
    implements ClientVisible {

  public InboxAccessDeniedException(String file, String reason) {
    super(file, null, reason);
  }

  @Override
  public String clientMessage() {
    return getFile() == null ? getReason() : getFile() + ": " + getReason();
  }
}
