package io.lega.testsupport.quarkus;

import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * Runs reactive repository calls from a test thread of a {@code @QuarkusTest} on a Vert.x context
 * and waits for them (the application must have {@code quarkus-vertx}, as every reactive one has).
 */
public final class Blocking {

  private Blocking() {}

  /**
   * Subscribes on a Vert.x context and waits for the item; unchecked failures are thrown as they
   * are, checked ones wrapped in an {@link IllegalStateException}.
   *
   * @param work makes the {@link Uni} to subscribe to, called on the Vert.x context
   * @return the item
   */
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
