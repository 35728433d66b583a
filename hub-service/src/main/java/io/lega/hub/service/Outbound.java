package io.lega.hub.service;

import io.lega.contracts.HubToNodeMessage;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;

/**
 * Sends a hub &rarr; node message from reactive code: {@link NodeOutbox#send} blocks until the
 * broker confirms, so it runs on a worker thread, and the Uni completes back on the caller's Vert.x
 * context (where its Hibernate Reactive session lives). Used inside transactions: the transaction
 * commits only once the broker has confirmed, and a message the broker did not take rolls it back.
 */
final class Outbound {

  private Outbound() {}

  static Uni<Void> send(NodeOutbox outbox, HubToNodeMessage message, String correlationId) {
    return VertxContextSupport.executeBlocking(
            () -> {
              outbox.send(message, correlationId);
              return Boolean.TRUE;
            })
        .replaceWithVoid();
  }
}
