package io.lega.node.store;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs reactive repository calls from a test thread, as a service's broker thread does: on a fresh
 * Vert.x duplicated context, waiting for the result. A failure is thrown as it is (typed exceptions
 * are not wrapped).
 */
final class Blocking {

  private Blocking() {}

  /** Subscribes on a Vert.x context and waits for the item. */
  static <T> T await(Supplier<Uni<T>> work) throws Throwable {
    return VertxContextSupport.subscribeAndAwait(work);
  }
}
