package io.lega.inbox.testing;

import io.lega.inbox.notify.InboxNotifier;
import io.lega.inbox.notify.InboxUserError;
import io.lega.inbox.notify.NotificationException;
import io.lega.inbox.notify.RemovedFile;
import io.lega.inbox.notify.RenamedFile;
import io.lega.inbox.notify.UploadedFile;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every notification; can play a broker that is down. */
public final class RecordingNotifier implements InboxNotifier {

  public final List<UploadedFile> uploads = new CopyOnWriteArrayList<>();
  public final List<RenamedFile> renames = new CopyOnWriteArrayList<>();
  public final List<RemovedFile> removals = new CopyOnWriteArrayList<>();
  public final List<InboxUserError> userErrors = new CopyOnWriteArrayList<>();
  private volatile boolean brokerDown;

  public void setBrokerDown(boolean down) {
    this.brokerDown = down;
  }

  private void check() throws NotificationException {
    if (brokerDown) {
      throw new NotificationException("broker unavailable (test)");
    }
  }

  @Override
  public void uploaded(UploadedFile file) throws NotificationException {
    check();
    uploads.add(file);
  }

  @Override
  public void renamed(RenamedFile file) throws NotificationException {
    check();
    renames.add(file);
  }

  @Override
  public void removed(RemovedFile file) throws NotificationException {
    check();
    removals.add(file);
  }

  @Override
  public void userError(InboxUserError error) throws NotificationException {
    check();
    userErrors.add(error);
  }

  public List<UploadedFile> uploadsOf(String user) {
    return uploads.stream().filter(u -> u.user().equals(user)).toList();
  }

  public List<InboxUserError> userErrorsOf(String user) {
    return userErrors.stream().filter(u -> u.user().equals(user)).toList();
  }
}
