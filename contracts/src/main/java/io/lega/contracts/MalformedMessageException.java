package io.lega.contracts;

import java.util.List;
import java.util.Optional;

/**
 * A received message cannot be used: its body is not JSON, not a JSON object, of an unknown kind,
 * or does not match its schema. The message says precisely what is wrong, in a form fit for the
 * quarantine queue and the operator who reads it.
 *
 * <p>The one malformed-message type of the whole node and hub: besides {@link MessageCodec}'s
 * decode methods (which throw no other exception for any input bytes), the broker layer's decoders
 * and the handlers throw it for a message that can never be used (an unknown file, a correlation id
 * that is not a UUID: {@link Problem#UNUSABLE}). Unchecked on purpose: a handler lets it propagate,
 * and the one shared consumer that acknowledges messages catches it by type, parks the message in
 * quarantine with {@link #getMessage()} as the reason, and acknowledges the original; it is never
 * retried.
 */
public class MalformedMessageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** What kind of problem the message has. */
  public enum Problem {
    /** The body is empty or not well-formed JSON. */
    NOT_JSON,
    /** The body is JSON, but not a JSON object. */
    NOT_AN_OBJECT,
    /** The field that tells the kind of message ({@code type} or {@code operation}) is absent. */
    MISSING_TYPE,
    /** The field that tells the kind of message has an unknown value, or is not a string. */
    UNKNOWN_TYPE,
    /** A node &rarr; hub message arrived with a routing key that carries no known message. */
    UNKNOWN_ROUTING_KEY,
    /** The message does not match its schema (see {@link #violations()}). */
    SCHEMA_VIOLATION,
    /**
     * The message is well formed, but what it says can never be acted on (found outside the codec:
     * an unknown file, a correlation id that is not the file's UUID, a text PostgreSQL cannot
     * hold).
     */
    UNUSABLE
  }

  private final Problem problem;
  private final MessageType messageType;
  private final List<String> violations;

  /**
   * A message that can never be used ({@link Problem#UNUSABLE}).
   *
   * @param message why it cannot be used (for operators: the quarantine's reason)
   */
  public MalformedMessageException(String message) {
    this(message, null);
  }

  /**
   * A message that can never be used ({@link Problem#UNUSABLE}).
   *
   * @param message why it cannot be used (for operators: the quarantine's reason)
   * @param cause the parser's or check's exception, or {@code null}
   */
  public MalformedMessageException(String message, Throwable cause) {
    this(Problem.UNUSABLE, null, List.of(), message, cause);
  }

  MalformedMessageException(
      Problem problem,
      MessageType messageType,
      List<String> violations,
      String message,
      Throwable cause) {
    super(message, cause);
    this.problem = problem;
    this.messageType = messageType;
    this.violations = List.copyOf(violations);
  }

  public Problem problem() {
    return problem;
  }

  /** The kind of message it was decoded as, when that was known. */
  public Optional<MessageType> messageType() {
    return Optional.ofNullable(messageType);
  }

  /**
   * For {@link Problem#SCHEMA_VIOLATION}, each violation as {@code "<JSON path>: <what is wrong>"},
   * for example {@code "$.accession_id: does not match the regex pattern ^EGAF[0-9]{11}$"}; empty
   * for the other problems.
   */
  public List<String> violations() {
    return violations;
  }
}
