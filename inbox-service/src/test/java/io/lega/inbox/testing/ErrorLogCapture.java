package io.lega.inbox.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiPredicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Keeps the ERROR (SEVERE) records one logger emits between {@link #attach} and {@link #detach}.
 */
public final class ErrorLogCapture extends Handler {

  private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
  private final String loggerName;

  /**
   * @param loggerName the logger to listen to (a class name)
   */
  public ErrorLogCapture(String loggerName) {
    this.loggerName = loggerName;
  }

  /** Starts capturing. */
  public void attach() {
    Logger.getLogger(loggerName).addHandler(this);
  }

  /** Stops capturing. */
  public void detach() {
    Logger.getLogger(loggerName).removeHandler(this);
  }

  /** The error records captured so far (a live view). */
  public List<LogRecord> errors() {
    return errors;
  }

  /**
   * Whether an error was captured whose text (its message, and its parameters in case the message
   * arrives unformatted) and thrown exception satisfy {@code test}.
   */
  public boolean logged(BiPredicate<String, Throwable> test) {
    return errors.stream().anyMatch(r -> test.test(text(r), r.getThrown()));
  }

  private static String text(LogRecord record) {
    return record.getMessage()
        + (record.getParameters() == null ? "" : List.of(record.getParameters()).toString());
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
      errors.add(record);
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
