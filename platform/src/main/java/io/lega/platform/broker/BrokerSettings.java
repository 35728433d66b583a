package io.lega.platform.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to reach the broker and how consumers behave.
 *
 * <p>{@link #toString()} never shows the password.
 *
 * @param host broker host name or address
 * @param port AMQP port (5672, or 5671 with TLS)
 * @param username user to log in as
 * @param password its password (never logged)
 * @param virtualHost virtual host, {@code "/"} by default
 * @param useTls connect with TLS, verifying the broker's certificate and host name against the
 *     JVM's default trust store
 * @param prefetch how many unacknowledged messages one consumer may hold (also how many it handles
 *     at once)
 * @param maxAttempts how many times a message that fails with a system error is handled in all,
 *     counting the first attempt, before it is quarantined; 1 means no retry
 * @param initialBackoff delay before the first retry; each later retry waits twice as long
 * @param maxBackoff the longest delay between two attempts
 * @param confirmTimeout how long a publish waits for the broker's confirm
 */
public record BrokerSettings(
    String host,
    int port,
    String username,
    String password,
    String virtualHost,
    boolean useTls,
    int prefetch,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration confirmTimeout) {

  /** Validates every field and reports all problems at once. */
  public BrokerSettings {
    List<String> problems = new ArrayList<>();
    if (host == null || host.isBlank()) {
      problems.add("host must not be blank");
    }
    if (port < 1 || port > 65535) {
      problems.add("port must be between 1 and 65535 (was " + port + ")");
    }
    if (username == null || username.isBlank()) {
      problems.add("username must not be blank");
    }
    if (password == null) {
      problems.add("password must not be null (use an empty string for none)");
    }
    if (virtualHost == null || virtualHost.isBlank()) {
      problems.add("virtualHost must not be blank (the default is \"/\")");
    }
    if (prefetch < 1 || prefetch > 65535) {
      problems.add("prefetch must be between 1 and 65535 (was " + prefetch + ")");
    }
    if (maxAttempts < 1) {
      problems.add("maxAttempts must be at least 1 (was " + maxAttempts + ")");
    }
    if (!positive(initialBackoff)) {
      problems.add("initialBackoff must be a positive duration (was " + initialBackoff + ")");
    }
    if (!positive(maxBackoff)) {
      problems.add("maxBackoff must be a positive duration (was " + maxBackoff + ")");
    } else if (positive(initialBackoff) && maxBackoff.compareTo(initialBackoff) < 0) {
      problems.add(
          "maxBackoff (%s) must not be shorter than initialBackoff (%s)"
              .formatted(maxBackoff, initialBackoff));
    }
    if (!positive(confirmTimeout)) {
      problems.add("confirmTimeout must be a positive duration (was " + confirmTimeout + ")");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("invalid broker settings: " + String.join("; ", problems));
    }
  }

  /** A copy with another prefetch, validated as any new settings. */
  public BrokerSettings withPrefetch(int newPrefetch) {
    return new BrokerSettings(
        host,
        port,
        username,
        password,
        virtualHost,
        useTls,
        newPrefetch,
        maxAttempts,
        initialBackoff,
        maxBackoff,
        confirmTimeout);
  }

  /**
   * The delay before the next attempt after attempt {@code failedAttempt} (1-based) failed: {@code
   * initialBackoff * 2^(failedAttempt - 1)}, at most {@code maxBackoff}.
   */
  public Duration backoff(int failedAttempt) {
    int doublings = Math.max(0, Math.min(failedAttempt - 1, 30));
    Duration delay = initialBackoff;
    for (int i = 0; i < doublings && delay.compareTo(maxBackoff) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxBackoff) > 0 ? maxBackoff : delay;
  }

  /** Everything but the password. */
  @Override
  public String toString() {
    return ("BrokerSettings[host=%s, port=%d, username=%s, password=***, virtualHost=%s,"
            + " useTls=%s, prefetch=%d, maxAttempts=%d, initialBackoff=%s, maxBackoff=%s,"
            + " confirmTimeout=%s]")
        .formatted(
            host,
            port,
            username,
            virtualHost,
            useTls,
            prefetch,
            maxAttempts,
            initialBackoff,
            maxBackoff,
            confirmTimeout);
  }

  private static boolean positive(Duration duration) {
    return duration != null && !duration.isNegative() && !duration.isZero();
  }
}
