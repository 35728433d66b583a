package io.lega.node.worker;

import io.lega.platform.error.SystemErrorException;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * Runs node-store calls (Hibernate Reactive, which needs a Vert.x context) from a consumer's worker
 * thread and waits for them, carrying the message's logging context (file id, user) over.
 */
public final class StoreCalls {

  private StoreCalls() {}

  /**
   * Runs the call and waits for its result. Runtime exceptions (the store's typed conflicts) come
   * out unchanged; checked ones are wrapped in a {@link SystemErrorException}.
   */
  public static <T> T await(Supplier<Uni<T>> call) {
    Map<String, Object> mdc = MDC.getMap();
    try {
      return VertxContextSupport.subscribeAndAwait(
          () -> {
            mdc.forEach(MDC::put);
            return call.get();
          });
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new SystemErrorException("a database call failed: " + t, t);
    }
  }
}
