package io.lega.ingest.testing;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Runs reactive repository calls from a test thread on a Vert.x context and waits for them. */
public final class Blocking {

  private Blocking() {}

  /** Subscribes on a Vert.x context and waits for the item; failures are thrown as they are. */
  public static <T> T await(Supplier<Uni<T>> work) {
    try {
      return VertxContextSupport.subscribeAndAwait(work);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
