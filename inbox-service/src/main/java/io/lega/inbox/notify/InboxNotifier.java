package io.lega.inbox.notify;

/**
 * Where the inbox reports what submitters did: the one seam between the SFTP server and the broker.
 * Each method returns once the notification is safely handed over (for the broker: confirmed), or
 * throws; the SFTP server then reports the operation as failed to the client.
 */
public interface InboxNotifier {

  /** A file was written and closed, and it looks like Crypt4GH. */
  void uploaded(UploadedFile file) throws NotificationException;

  /** A file was renamed (or moved) inside the user's inbox. */
  void renamed(RenamedFile file) throws NotificationException;

  /** A file was removed from the user's inbox. */
  void removed(RemovedFile file) throws NotificationException;

  /** The submission is at fault (for example, not a Crypt4GH file); the reason is shown to them. */
  void userError(InboxUserError error) throws NotificationException;
}
