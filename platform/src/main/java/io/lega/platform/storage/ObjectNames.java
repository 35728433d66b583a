package io.lega.platform.storage;

import java.nio.charset.StandardCharsets;

/**
 * The rules for object names, the same on every backend so that a name valid for the archive is
 * valid for the backup:
 *
 * <ul>
 *   <li>not empty, at most {@value #MAX_NAME_BYTES} bytes in UTF-8 (the S3 key limit);
 *   <li>segments separated by {@code /}, such as {@code a/b/c}; no leading or trailing {@code /},
 *       no empty segment ({@code a//b});
 *   <li>no segment {@code .} or {@code ..}; each segment at most {@value #MAX_SEGMENT_BYTES} bytes
 *       (the usual POSIX file-name limit);
 *   <li>no control characters (NUL, newline, tab, DEL, ...).
 * </ul>
 */
public final class ObjectNames {
  /** The longest name, in UTF-8 bytes. */
  public static final int MAX_NAME_BYTES = 1024;

  /** The longest segment between two {@code /}, in UTF-8 bytes. */
  public static final int MAX_SEGMENT_BYTES = 255;

  private static final int QUOTE_LIMIT = 200;

  private ObjectNames() {}

  /**
   * Checks a name against the rules above.
   *
   * @return the name, for chaining
   * @throws InvalidObjectNameException if the name breaks a rule; {@link NullPointerException} if
   *     it is null
   */
  public static String validate(String name) {
    if (name == null) {
      throw new NullPointerException("object name is null");
    }
    if (name.isEmpty()) {
      throw new InvalidObjectNameException(name, "it is empty");
    }
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      throw new InvalidObjectNameException(
          name, "it is longer than " + MAX_NAME_BYTES + " bytes in UTF-8");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new InvalidObjectNameException(name, "it contains a control character");
      }
    }
    if (name.startsWith("/")) {
      throw new InvalidObjectNameException(name, "it starts with '/'");
    }
    if (name.endsWith("/")) {
      throw new InvalidObjectNameException(name, "it ends with '/'");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty()) {
        throw new InvalidObjectNameException(name, "it contains an empty segment ('//')");
      }
      if (segment.equals(".") || segment.equals("..")) {
        throw new InvalidObjectNameException(name, "segment '" + segment + "' is not allowed");
      }
      if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
        throw new InvalidObjectNameException(
            name, "a segment is longer than " + MAX_SEGMENT_BYTES + " bytes in UTF-8");
      }
    }
    return name;
  }

  /**
   * The name in double quotes, control characters shown as hexadecimal escapes and the name cut
   * after {@value #QUOTE_LIMIT} characters: safe to log.
   */
  static String quote(String name) {
    if (name == null) {
      return "null";
    }
    int shown = Math.min(name.length(), QUOTE_LIMIT);
    StringBuilder quoted = new StringBuilder(shown + 32).append('"');
    for (int i = 0; i < shown; i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        quoted.append(String.format("\\u%04x", (int) c));
      } else {
        quoted.append(c);
      }
    }
    quoted.append('"');
    if (shown < name.length()) {
      quoted.append("... (").append(name.length()).append(" characters)");
    }
    return quoted.toString();
  }
}
