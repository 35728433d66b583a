package io.lega.platform.reactive;

import io.lega.platform.error.SystemErrorException;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * The one seam between a blocking thread (a broker consumer's worker, an SFTP session) and reactive
 * database work (Hibernate Reactive needs a Vert.x context): the work runs on a Vert.x context
 * while the calling thread waits for its result, with the caller's MDC (correlation id, file id,
 * user) carried over. Call it at the edge of a store, never from a handler's body.
 */
public final class OnVertx {

  private OnVertx() {}

  /**
   * Runs the work and waits for its item. Runtime exceptions (a store's typed conflicts) and errors
   * come out unchanged; a checked failure is wrapped in a {@link SystemErrorException}.
   *
   * @param work the reactive work, started on the Vert.x context
   * @param <T> the item's type
   * @return the item the work completed with
   */
  public static <T> T await(Supplier<Uni<T>> work) {
    Map<String, Object> mdc = MDC.getMap();
    try {
      return VertxContextSupport.subscribeAndAwait(
          () -> {
            mdc.forEach(MDC::put);
            return work.get();
          });
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new SystemErrorException("database work failed: " + t, t);
    }
  }
}
