package io.lega.platform.error;

import java.util.Objects;
import java.util.Optional;

/**
 * The submission is at fault: not Crypt4GH, not encrypted for this node, a checksum mismatch, a
 * file missing from the inbox...
 *
 * <p>The {@linkplain #reason() reason} is sent to the submitter (in a {@code files.error} message),
 * so it must be safe to show them: no stack traces, no server paths, no key material. Technical
 * detail for operators belongs in the {@linkplain #getCause() cause}. A message that fails with
 * this exception is reported and acknowledged; it is never retried.
 */
public class UserErrorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;
  private final String user;
  private final String filepath;

  /**
   * A user error whose user and file are not known here (the reporter takes them from the message).
   *
   * @param reason what went wrong, safe to show the submitter
   */
  public UserErrorException(String reason) {
    this(reason, null, null, null);
  }

  /**
   * A user error about a known file.
   *
   * @param reason what went wrong, safe to show the submitter
   * @param user the submitter, or {@code null} if not known
   * @param filepath the file's path in the submitter's inbox, or {@code null} if not known
   */
  public UserErrorException(String reason, String user, String filepath) {
    this(reason, user, filepath, null);
  }

  /**
   * A user error about a known file, with the technical cause for operators' logs.
   *
   * @param reason what went wrong, safe to show the submitter
   * @param user the submitter, or {@code null} if not known
   * @param filepath the file's path in the submitter's inbox, or {@code null} if not known
   * @param cause the underlying exception (logged, never shown to the submitter), or {@code null}
   */
  public UserErrorException(String reason, String user, String filepath, Throwable cause) {
    super(requireReason(reason), cause);
    this.reason = reason;
    this.user = user;
    this.filepath = filepath;
  }

  private static String requireReason(String reason) {
    Objects.requireNonNull(reason, "reason");
    if (reason.isBlank()) {
      throw new IllegalArgumentException("a user error needs a reason the submitter can read");
    }
    return reason;
  }

  /** What went wrong, in words safe to show the submitter. */
  public String reason() {
    return reason;
  }

  /** The submitter, if known where the error was raised. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The file's path in the submitter's inbox, if known where the error was raised. */
  public Optional<String> filepath() {
    return Optional.ofNullable(filepath);
  }
}
