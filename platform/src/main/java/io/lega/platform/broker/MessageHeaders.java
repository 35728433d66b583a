package io.lega.platform.broker;

import com.rabbitmq.client.LongString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The AMQP headers this layer sets on retried and quarantined messages. */
public final class MessageHeaders {

  /** Which attempt a retried copy is (2 for the first retry); absent on a first delivery. */
  public static final String ATTEMPT = "x-lega-attempt";

  /** On a retried copy: the exception class and message of the attempt that failed before it. */
  public static final String LAST_ERROR = "x-lega-last-error";

  /** On a quarantined message: {@value #MALFORMED} or {@value #SYSTEM_ERROR}. */
  public static final String FAILURE = "x-lega-failure";

  /** {@link #FAILURE} value: the body could not be decoded. */
  public static final String MALFORMED = "malformed";

  /** {@link #FAILURE} value: every attempt failed with a system error. */
  public static final String SYSTEM_ERROR = "system-error";

  /** On a quarantined message: the queue it was consumed from. */
  public static final String SOURCE_QUEUE = "x-lega-source-queue";

  /** On a quarantined message: why (the exception's message, shortened). */
  public static final String REASON = "x-lega-reason";

  /** On a quarantined message: the exception's class name. */
  public static final String EXCEPTION = "x-lega-exception";

  /** On a quarantined message: the first frames of the stack trace and its causes. */
  public static final String STACK = "x-lega-stack";

  /** On a quarantined message: when it was quarantined (ISO-8601, UTC). */
  public static final String QUARANTINED_AT = "x-lega-quarantined-at";

  /** On a quarantined or routed message: the message id of the original. */
  public static final String ORIGINAL_MESSAGE_ID = "x-lega-original-message-id";

  /** On a quarantined message: the exchange the original was published to. */
  public static final String ORIGINAL_EXCHANGE = "x-lega-original-exchange";

  /** On a quarantined message: the routing key the original was published with. */
  public static final String ORIGINAL_ROUTING_KEY = "x-lega-original-routing-key";

  /** On a quarantined message: the original's content type, if it had one. */
  public static final String ORIGINAL_CONTENT_TYPE = "x-lega-original-content-type";

  private MessageHeaders() {}

  /** AMQP headers with the client's {@link LongString}s turned into Strings, recursively. */
  static Map<String, Object> readable(Map<String, Object> headers) {
    if (headers == null || headers.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    headers.forEach((key, value) -> copy.put(key, readableValue(value)));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static Object readableValue(Object value) {
    if (value instanceof LongString longString) {
      return longString.toString();
    }
    if (value instanceof Map<?, ?> map) {
      return readable((Map<String, Object>) map);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(element -> copy.add(readableValue(element)));
      return copy;
    }
    return value;
  }

  /** The attempt number in the headers: 1 if absent or not a positive number. */
  static int attempt(Map<String, Object> headers) {
    Object value = headers == null ? null : headers.get(ATTEMPT);
    long attempt;
    if (value instanceof Number number) {
      attempt = number.longValue();
    } else if (value instanceof LongString || value instanceof CharSequence) {
      try {
        attempt = Long.parseLong(value.toString().trim());
      } catch (NumberFormatException e) {
        return 1;
      }
    } else {
      return 1;
    }
    return attempt < 1 ? 1 : (int) Math.min(attempt, Integer.MAX_VALUE);
  }
}
