package io.lega.platform.broker;

import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.MDC;

/**
 * The logging MDC entries set while a message is handled, so that every log line about a message
 * carries its correlation id, file id and user. Closing the scope restores what was there before.
 *
 * <p>The keys are {@value #CORRELATION_ID}, {@value #FILE_ID}, {@value #USER} and {@value #QUEUE};
 * a log format shows them with e.g. {@code %X{correlationId}}.
 */
public final class LogContext implements AutoCloseable {

  /** MDC key of the message's correlation id. */
  public static final String CORRELATION_ID = "correlationId";

  /** MDC key of the file id (the protocol makes it the correlation id). */
  public static final String FILE_ID = "fileId";

  /** MDC key of the submitter, when the message names one. */
  public static final String USER = "user";

  /** MDC key of the queue being consumed. */
  public static final String QUEUE = "queue";

  private final Map<String, Object> previous = new HashMap<>();

  private LogContext() {}

  /**
   * Puts the message's identifiers in the MDC of the current thread.
   *
   * @param correlationId the correlation id (also the file id), or {@code null}
   * @param queue the queue, or {@code null}
   * @param user the submitter, or {@code null}
   */
  public static LogContext open(String correlationId, String queue, String user) {
    LogContext scope = new LogContext();
    scope.put(CORRELATION_ID, correlationId);
    scope.put(FILE_ID, correlationId);
    scope.put(QUEUE, queue);
    scope.put(USER, user);
    return scope;
  }

  /** Adds the user once the message is decoded. */
  public void user(String user) {
    put(USER, user);
  }

  private void put(String key, Object value) {
    if (!previous.containsKey(key)) {
      previous.put(key, MDC.get(key));
    }
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  /** Restores the MDC entries as they were before {@link #open}. */
  @Override
  public void close() {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            MDC.remove(key);
          } else {
            MDC.put(key, value);
          }
        });
  }
}
