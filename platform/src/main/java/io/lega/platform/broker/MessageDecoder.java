package io.lega.platform.broker;

import com.fasterxml.jackson.databind.JsonNode;
import io.lega.contracts.MalformedMessageException;

/**
 * Turns a delivery's body into the message a handler works on.
 *
 * <p>A decoder that cannot make a message of the bytes throws {@link MalformedMessageException}.
 * {@link QueueConsumer} treats any other runtime exception from a decoder the same way (decoding is
 * deterministic, so retrying cannot help): a codec with its own exception type, such as the
 * contracts module's {@code MessageCodec}, plugs in as {@code codec::decode} without an adapter.
 *
 * @param <T> the decoded message type
 */
@FunctionalInterface
public interface MessageDecoder<T> {

  /**
   * @param body the delivery's body, never {@code null}
   * @return the decoded message, never {@code null}
   * @throws MalformedMessageException if the bytes are not a valid message
   */
  T decode(byte[] body);

  /** The body as it is, for consumers that forward bytes. */
  static MessageDecoder<byte[]> bytes() {
    return body -> body;
  }

  /** The body as a JSON object tree; anything that is not a JSON object is malformed. */
  static MessageDecoder<JsonNode> jsonObject() {
    return JsonBodies::readObject;
  }
}
