package io.lega.node.store;

/**
 * The {@code message} columns ({@code JSONB}) hold the message that caused an event: a JSON object,
 * or nothing. PostgreSQL checks that the text is JSON; this checks, before that, that it is an
 * object, which is also what the entities can read back.
 */
final class MessageJson {

  private MessageJson() {}

  /**
   * @return {@code json}, if it is {@code null} or looks like a JSON object
   * @throws IllegalArgumentException otherwise
   */
  static String object(String json) {
    if (json != null) {
      String text = json.strip();
      if (!text.startsWith("{") || !text.endsWith("}")) {
        throw new IllegalArgumentException("a message must be a JSON object");
      }
    }
    return json;
  }
}
