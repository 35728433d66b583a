package io.lega.inbox.notify;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Stand-in until the broker publisher is wired: writes each notification to the log. Replaced by
 * any other {@link InboxNotifier} bean.
 */
@ApplicationScoped
@DefaultBean
public class LoggingInboxNotifier implements InboxNotifier {

  private static final Logger LOG = Logger.getLogger(LoggingInboxNotifier.class);

  @Override
  public void uploaded(UploadedFile file) {
    LOG.warnf("no broker wired: upload not published: %s", file);
  }

  @Override
  public void renamed(RenamedFile file) {
    LOG.warnf("no broker wired: rename not published: %s", file);
  }

  @Override
  public void removed(RemovedFile file) {
    LOG.warnf("no broker wired: remove not published: %s", file);
  }

  @Override
  public void userError(InboxUserError error) {
    LOG.warnf("no broker wired: user error not published: %s", error);
  }
}
