package io.lega.finalize.service;

import io.lega.node.store.model.FileEntity;
import io.lega.node.worker.InboxPaths;
import io.lega.platform.error.SystemErrorException;
import io.lega.platform.storage.InvalidObjectNameException;
import io.lega.platform.storage.ObjectInfo;
import io.lega.platform.storage.Storage;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Removes a finalized file's upload from the submitter's inbox ({@code <user>/<path>} in the inbox
 * storage), but only if the file there is still that upload: its size equals the {@code files}
 * row's {@code inbox_size}, and its modification time the row's {@code inbox_last_modified} (to the
 * second) if one was recorded. A different file uploaded to the same path since is left alone (and
 * logged); a file already gone is fine, so a repeated call changes nothing.
 */
public final class InboxCleaner {

  private static final Logger LOG = Logger.getLogger(InboxCleaner.class);

  /** What became of the inbox file. */
  public enum Outcome {
    /** It was removed. */
    REMOVED,
    /** There was none (removed before, or by the submitter). */
    ABSENT,
    /** Another file is at that path now, or the row says too little to tell: left in place. */
    KEPT
  }

  private final Storage inbox;

  /**
   * @param inbox the inbox, as a storage whose object names are {@code <user>/<path>}
   */
  public InboxCleaner(Storage inbox) {
    this.inbox = Objects.requireNonNull(inbox, "inbox");
  }

  /**
   * Removes the file's upload from the inbox if it is still there.
   *
   * @throws SystemErrorException if the inbox storage fails
   */
  public Outcome remove(FileEntity file) {
    String name = InboxPaths.objectName(file.submissionUser, file.inboxPath);
    try {
      Optional<ObjectInfo> info = inbox.stat(name);
      if (info.isEmpty()) {
        LOG.debugf("the upload %s is no longer in the inbox", file.inboxPath);
        return Outcome.ABSENT;
      }
      String difference = difference(file, info.get());
      if (difference != null) {
        LOG.warnf(
            "the inbox file %s of %s is not the upload that was ingested (%s): left in place",
            file.inboxPath, file.submissionUser, difference);
        return Outcome.KEPT;
      }
      inbox.delete(name);
      LOG.infof("removed the upload %s from the inbox of %s", file.inboxPath, file.submissionUser);
      return Outcome.REMOVED;
    } catch (InvalidObjectNameException e) {
      LOG.warnf(
          "the inbox path %s of %s cannot be an inbox object (%s): nothing removed",
          file.inboxPath, file.submissionUser, e.getMessage());
      return Outcome.KEPT;
    } catch (IOException e) {
      throw new SystemErrorException(
          "cannot remove %s from the inbox of %s: %s"
              .formatted(file.inboxPath, file.submissionUser, e),
          e);
    }
  }

  /** Why the inbox object is not the ingested upload, or {@code null} if it is. */
  private static String difference(FileEntity file, ObjectInfo info) {
    if (file.inboxSize == null && file.inboxLastModified == null) {
      return "no size or modification time was recorded for the upload";
    }
    if (file.inboxSize != null && file.inboxSize != info.size()) {
      return "size " + info.size() + ", the upload had " + file.inboxSize;
    }
    if (file.inboxLastModified != null
        && !seconds(file.inboxLastModified).equals(seconds(info.lastModified()))) {
      return "modified " + info.lastModified() + ", the upload " + file.inboxLastModified;
    }
    return null;
  }

  private static Instant seconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS);
  }
}
