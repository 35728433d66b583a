package io.lega.platform.broker;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message to publish: the encoded body and what goes into the AMQP properties.
 *
 * <p>The body is copied in and out, so the record is immutable. {@link #toString()} shows the
 * body's size, never its content (bodies name users and paths).
 *
 * @param body the encoded message (JSON for every protocol message)
 * @param correlationId the file's UUID; {@code null} only when passing on a message that arrived
 *     without one (the quarantine of a malformed message)
 * @param headers AMQP headers (strings, numbers, booleans); never {@code null}
 * @param messageId the AMQP message id, or {@code null} to let the {@link Publisher} make a fresh
 *     one (retried copies keep the original's id)
 */
public record OutgoingMessage(
    byte[] body, String correlationId, Map<String, Object> headers, String messageId) {

  /** Copies the body and headers; rejects a missing body. */
  public OutgoingMessage {
    Objects.requireNonNull(body, "body");
    body = body.clone();
    headers =
        headers == null || headers.isEmpty()
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** A message with no headers and a fresh message id. */
  public static OutgoingMessage of(byte[] body, String correlationId) {
    return new OutgoingMessage(body, correlationId, Map.of(), null);
  }

  /** A message with headers and a fresh message id. */
  public static OutgoingMessage of(byte[] body, String correlationId, Map<String, Object> headers) {
    return new OutgoingMessage(body, correlationId, headers, null);
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body's length, without copying it. */
  public int size() {
    return body.length;
  }

  byte[] bodyUnsafe() {
    return body;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof OutgoingMessage that
        && Arrays.equals(body, that.body)
        && Objects.equals(correlationId, that.correlationId)
        && headers.equals(that.headers)
        && Objects.equals(messageId, that.messageId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(body), correlationId, headers, messageId);
  }

  @Override
  public String toString() {
    return "OutgoingMessage[correlationId=%s, messageId=%s, headers=%s, body=%s bytes]"
        .formatted(correlationId, messageId, headers.keySet(), body.length);
  }
}
