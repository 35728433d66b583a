package io.lega.platform.broker;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** How a failure is written into the headers of a retried or quarantined copy, and into logs. */
final class FailureText {

  static final int MAX_HEADER_TEXT = 1_000;
  private static final int MAX_STACK_TEXT = 2_000;
  private static final int STACK_FRAMES = 6;

  private FailureText() {}

  /** A modifiable copy of the delivery's headers. */
  static Map<String, Object> copyHeaders(Delivery delivery) {
    Map<String, Object> original = delivery.properties().getHeaders();
    return original == null ? new HashMap<>() : new HashMap<>(original);
  }

  static void putIfPresent(Map<String, Object> headers, String key, String value) {
    if (value != null && !value.isEmpty()) {
      headers.put(key, value);
    }
  }

  /** The failure inside {@link CompletionException} and {@link ExecutionException} wrappers. */
  static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * The exception, or its cause when it has no message (the client's IOException wrapping a close).
   */
  static String explain(Throwable e) {
    return e.getMessage() == null && e.getCause() != null
        ? e.getCause().getMessage()
        : e.toString();
  }

  static String describe(Throwable cause) {
    return cause.getClass().getName() + ": " + cause.getMessage();
  }

  /** The exception, its first frames, and its causes' first lines. */
  static String stackSummary(Throwable cause) {
    StringBuilder text = new StringBuilder();
    Throwable current = cause;
    for (int depth = 0; current != null && depth < 4; depth++, current = current.getCause()) {
      if (depth > 0) {
        text.append("\ncaused by: ");
      }
      text.append(describe(current));
      StackTraceElement[] frames = current.getStackTrace();
      for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
        text.append("\n  at ").append(frames[i]);
      }
      if (current.getCause() == current) {
        break;
      }
    }
    return shorten(text.toString(), MAX_STACK_TEXT);
  }

  static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
