package io.lega.hub.messaging;

import io.lega.platform.error.SystemErrorException;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * Runs database work for a consumer's worker thread: Hibernate Reactive needs a Vert.x context, so
 * the work runs there ({@link VertxContextSupport#subscribeAndAwait}) while the worker waits for
 * the commit. The message's MDC (correlation id, file id, user) is carried over to the context.
 */
final class OnVertx {

  private OnVertx() {}

  /** The Uni's item once it completes; its failure is thrown as it is. */
  static <T> T await(Supplier<Uni<T>> work) throws Exception {
    Map<String, Object> mdc = MDC.getMap();
    try {
      return VertxContextSupport.subscribeAndAwait(
          () -> {
            mdc.forEach(MDC::put);
            return work.get();
          });
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new SystemErrorException("the database work failed: " + t, t);
    }
  }
}
