package io.lega.inbox.sftp;

import java.nio.file.FileSystemException;

/**
 * The user's inbox would hold more than the quota: {@code SSH_FX_QUOTA_EXCEEDED} to clients that
 * speak SFTP 5 or later, {@code SSH_FX_FAILURE} with this message to the others (OpenSSH speaks 3).
 */
public final class QuotaExceededException extends FileSystemException implements ClientVisible {

  public QuotaExceededException(String file, long quotaBytes) {
    super(file, null, "quota exceeded: the inbox may hold at most " + quotaBytes + " bytes");
  }

  @Override
  public String clientMessage() {
    return getFile() + ": " + getReason();
  }
}
