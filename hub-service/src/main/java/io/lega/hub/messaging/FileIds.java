package io.lega.hub.messaging;

import io.lega.contracts.MalformedMessageException;
import java.util.UUID;

/** The file id of a node's message: the protocol makes its correlation id the file's UUID. */
final class FileIds {

  private FileIds() {}

  /**
   * The file's id, from the correlation id of a message that came with {@code routingKey}.
   *
   * @throws MalformedMessageException if there is none, or it is not a UUID in canonical form
   */
  static UUID of(String correlationId, String routingKey) {
    if (correlationId == null || correlationId.isBlank()) {
      throw new MalformedMessageException(
          "a " + routingKey + " message needs the file's UUID as its correlation id; it has none");
    }
    try {
      UUID id = UUID.fromString(correlationId);
      if (!id.toString().equalsIgnoreCase(correlationId)) {
        throw new IllegalArgumentException("not canonical");
      }
      return id;
    } catch (IllegalArgumentException e) {
      throw new MalformedMessageException(
          "the correlation id of a "
              + routingKey
              + " message must be the file's UUID, not '"
              + (correlationId.length() > 64
                  ? correlationId.substring(0, 64) + "..."
                  : correlationId)
              + "'");
    }
  }

  /**
   * PostgreSQL text cannot hold NUL: a message with one in a field the hub stores or compares could
   * never be recorded, so it is malformed.
   */
  static void storable(String routingKey, String... texts) {
    for (String text : texts) {
      if (text != null && text.indexOf('\0') >= 0) {
        throw new MalformedMessageException(
            "a " + routingKey + " message with a NUL character in it cannot be recorded");
      }
    }
  }
}
