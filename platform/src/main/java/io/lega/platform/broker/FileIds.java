package io.lega.platform.broker;

import io.lega.contracts.MalformedMessageException;
import java.util.UUID;

/**
 * The file a message is about: the protocol makes its correlation id the file's UUID. Used by every
 * consumer of file messages (the node's workers and the hub).
 */
public final class FileIds {

  private FileIds() {}

  /**
   * The file id of a delivery.
   *
   * @throws MalformedMessageException if the message has no correlation id, or one that is not a
   *     UUID in canonical form (it is then quarantined, never retried)
   */
  public static UUID of(MessageContext context) {
    return of(context.correlationId(), "queue " + context.queue());
  }

  /**
   * The file id of a message.
   *
   * @param correlationId the message's correlation id
   * @param what what the message is, for the reason (its routing key or queue)
   * @throws MalformedMessageException if there is no correlation id, or it is not a UUID in
   *     canonical form
   */
  public static UUID of(String correlationId, String what) {
    if (correlationId == null || correlationId.isBlank()) {
      throw new MalformedMessageException(
          "a " + what + " message has no correlation id (the file's UUID)");
    }
    try {
      UUID id = UUID.fromString(correlationId);
      if (!id.toString().equalsIgnoreCase(correlationId)) {
        throw new IllegalArgumentException("not canonical");
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(
          "the correlation id of a %s message must be the file's UUID; it is not a UUID: '%s'"
              .formatted(what, abbreviate(correlationId)));
    }
  }

  /**
   * PostgreSQL text cannot hold NUL: a file message with one in a field that is stored or compared
   * could never be recorded, so it is malformed.
   *
   * @param what what the message is, for the reason
   * @param texts the fields to check ({@code null}s are skipped)
   * @throws MalformedMessageException if a field holds a NUL character
   */
  public static void storable(String what, String... texts) {
    for (String text : texts) {
      if (text != null && text.indexOf('\0') >= 0) {
        throw new MalformedMessageException(
            "a " + what + " message with a NUL character in it cannot be recorded");
      }
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
