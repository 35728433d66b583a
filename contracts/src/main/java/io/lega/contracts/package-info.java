/**
 * The hub &harr; node message protocol: one JSON Schema and one record per message, and {@link
 * io.lega.contracts.MessageCodec}, which validates every message when it is decoded and before it
 * is encoded.
 *
 * <p>Messages form a sealed hierarchy so that a consumer can dispatch on them: {@link
 * io.lega.contracts.HubToNodeMessage} (dispatched on the body's {@code type}), {@link
 * io.lega.contracts.NodeToHubMessage} (each knows its routing key on the hub's exchange; the three
 * {@link io.lega.contracts.InboxMessage}s share {@code files.inbox} and are told apart by {@code
 * operation}) and {@link io.lega.contracts.NodeInternalMessage}. {@link
 * io.lega.contracts.MessageType} lists every message with its schema, direction, routing key or
 * type value, and record class.
 */
package io.lega.contracts;
