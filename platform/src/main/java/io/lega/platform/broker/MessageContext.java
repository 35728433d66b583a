package io.lega.platform.broker;

import java.util.Map;

/**
 * What a handler may know about a delivery besides its body.
 *
 * <p>Dispatch on the decoded body's {@code type}, never on the routing key: one queue may carry
 * several message types.
 *
 * @param correlationId the AMQP correlation id: the file's UUID (may be {@code null} if the sender
 *     set none)
 * @param queue the queue the message was consumed from
 * @param attempt which attempt this is, 1 for the first (from the {@value MessageHeaders#ATTEMPT}
 *     header)
 * @param messageId the AMQP message id (kept by retried copies), or {@code null}
 * @param headers the AMQP headers, with AMQP strings turned into {@link String}s; unmodifiable
 * @param redelivered whether the broker delivered this message before (to a consumer that did not
 *     acknowledge it)
 */
public record MessageContext(
    String correlationId,
    String queue,
    int attempt,
    String messageId,
    Map<String, Object> headers,
    boolean redelivered) {

  /** Makes the headers unmodifiable. */
  public MessageContext {
    headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(headers);
  }

  /** The file's id, which the protocol makes the correlation id. */
  public String fileId() {
    return correlationId;
  }
}
