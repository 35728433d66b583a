package io.lega.inbox.notify;

import java.io.IOException;

/** A notification could not be handed over (for example, the broker is down or did not confirm). */
public class NotificationException extends IOException {

  public NotificationException(String message, Throwable cause) {
    super(message, cause);
  }

  public NotificationException(String message) {
    super(message);
  }
}
