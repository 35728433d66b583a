package io.lega.node.worker;

import io.lega.contracts.MalformedMessageException;
import io.lega.platform.broker.MessageContext;
import java.util.UUID;

/** The file id a message is about: its correlation id, which the protocol makes the file's UUID. */
public final class FileIds {

  private FileIds() {}

  /**
   * The file id of a delivery.
   *
   * @throws MalformedMessageException if the message has no correlation id, or one that is not a
   *     UUID (it is then quarantined, never retried)
   */
  public static UUID of(MessageContext context) {
    String id = context.correlationId();
    if (id == null || id.isBlank()) {
      throw new MalformedMessageException("the message has no correlation id (the file's UUID)");
    }
    try {
      UUID uuid = UUID.fromString(id);
      if (!uuid.toString().equalsIgnoreCase(id)) {
        throw new IllegalArgumentException("not canonical");
      }
      return uuid;
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException("the correlation id is not a UUID: " + abbreviate(id));
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
