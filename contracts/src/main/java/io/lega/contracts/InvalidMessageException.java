package io.lega.contracts;

import java.util.List;

/**
 * {@link MessageCodec#encode(Message)} refused a record that does not match its schema: a bug in
 * the code that built it, never the fault of a remote party. Unchecked: the caller treats it as a
 * system error.
 */
public final class InvalidMessageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final MessageType messageType;
  private final List<String> violations;

  InvalidMessageException(MessageType messageType, List<String> violations, String message) {
    super(message);
    this.messageType = messageType;
    this.violations = List.copyOf(violations);
  }

  public MessageType messageType() {
    return messageType;
  }

  /** Each violation as {@code "<JSON path>: <what is wrong>"}. */
  public List<String> violations() {
    return violations;
  }
}
