package io.lega.inbox.sftp;

import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.server.SftpErrorStatusDataHandler;
import org.apache.sshd.sftp.server.SftpSubsystemEnvironment;

/**
 * Sends the inbox's own refusal messages to the client (other errors keep MINA's generic text, so
 * that no server path leaks), and the quota status to clients that know it.
 */
final class InboxStatusDataHandler implements SftpErrorStatusDataHandler {

  @Override
  public int resolveSubStatus(
      SftpSubsystemEnvironment sftp, int id, Throwable e, int cmd, Object... args) {
    if (e instanceof QuotaExceededException && sftp.getVersion() >= SftpConstants.SFTP_V5) {
      return SftpConstants.SSH_FX_QUOTA_EXCEEDED;
    }
    return SftpErrorStatusDataHandler.super.resolveSubStatus(sftp, id, e, cmd, args);
  }

  @Override
  public String resolveErrorMessage(
      SftpSubsystemEnvironment sftp, int id, Throwable e, int subStatus, int cmd, Object... args) {
    if (e instanceof ClientVisible visible) {
      return visible.clientMessage();
    }
    return SftpErrorStatusDataHandler.super.resolveErrorMessage(sftp, id, e, subStatus, cmd, args);
  }
}
