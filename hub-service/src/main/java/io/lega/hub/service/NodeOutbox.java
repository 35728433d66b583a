package io.lega.hub.service;

import io.lega.contracts.HubToNodeMessage;

/**
 * Sends hub &rarr; node messages ({@code ingest}, {@code cancel}, {@code accession}, {@code
 * mapping}, {@code release}, {@code deprecate}) to the hub's node, and returns once the broker has
 * confirmed the message. The message is validated against its schema before it leaves.
 *
 * <p>Blocking: call it from a worker thread, never from an event loop (the services wrap it in
 * {@code VertxContextSupport.executeBlocking}).
 */
public interface NodeOutbox {

  /**
   * Publishes one message, persistent, as JSON, and waits for the broker's confirm.
   *
   * @param message the message; its schema is checked before publishing
   * @param correlationId the file's id for file messages; a fresh UUID for dataset messages
   * @throws NodeUnreachableException if the broker did not take the message
   */
  void send(HubToNodeMessage message, String correlationId);
}
