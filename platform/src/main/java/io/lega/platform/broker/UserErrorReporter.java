package io.lega.platform.broker;

import io.lega.platform.error.UserErrorException;

/**
 * What a service does when a handler fails with a {@link UserErrorException}: typically record an
 * {@code error} event for the file and publish {@code files.error} (user, filepath, reason) to the
 * hub. The message is acknowledged after the reporter returns; if the reporter itself throws, the
 * failure is handled as a system error (retry, then quarantine), so a report is never lost.
 *
 * @param <T> the decoded message type
 */
@FunctionalInterface
public interface UserErrorReporter<T> {

  /**
   * @param error the user error, with its reason and, if known, user and file path
   * @param message the decoded message that failed
   * @param context the delivery's context (correlation id = file id)
   * @throws Exception if the report could not be made durable
   */
  void report(UserErrorException error, T message, MessageContext context) throws Exception;
}
