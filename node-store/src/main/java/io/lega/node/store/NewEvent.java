package io.lega.node.store;

import io.lega.node.store.model.FileEvent;
import java.util.Objects;

/**
 * An event to record on a file ({@code file_events}); it also sets the file's state.
 *
 * @param event what happened
 * @param actor the service or user that caused it
 * @param reason why, for {@code error} and {@code disabled}; else usually {@code null}
 * @param messageJson the message that caused it (a JSON object), or {@code null}
 */
public record NewEvent(FileEvent event, String actor, String reason, String messageJson) {

  /** Checks the required fields and that the message is a JSON object. */
  public NewEvent {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(actor, "actor");
    MessageJson.object(messageJson);
  }

  /** An event without a reason. */
  public static NewEvent of(FileEvent event, String actor, String messageJson) {
    return new NewEvent(event, actor, null, messageJson);
  }
}
