package io.lega.inbox.notify;

import org.jboss.logging.Logger;

/**
 * Writes each notification to the log (WARN) and sends nothing: the notifier with {@code
 * lega.inbox.notifier=log}, for running the SFTP server without a broker. The hub hears of nothing.
 */
public class LoggingInboxNotifier implements InboxNotifier {

  private static final Logger LOG = Logger.getLogger(LoggingInboxNotifier.class);

  @Override
  public void uploaded(UploadedFile file) {
    LOG.warnf("notifier=log: upload not published: %s", file);
  }

  @Override
  public void renamed(RenamedFile file) {
    LOG.warnf("notifier=log: rename not published: %s", file);
  }

  @Override
  public void removed(RemovedFile file) {
    LOG.warnf("notifier=log: remove not published: %s", file);
  }

  @Override
  public void userError(InboxUserError error) {
    LOG.warnf("notifier=log: user error not published: %s", error);
  }
}
