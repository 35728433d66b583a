package io.lega.inbox.auth;

import java.util.regex.Pattern;

/** Which login names the inbox accepts: each becomes a folder name, so nothing path-like. */
public final class Usernames {

  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");

  private Usernames() {}

  /**
   * A letter or digit, then up to 127 letters, digits, {@code .}, {@code _}, {@code @} or {@code -}
   * (so e-mail addresses fit; {@code /}, {@code ..} alone and control characters do not).
   */
  public static boolean isValid(String username) {
    return username != null && VALID.matcher(username).matches();
  }
}
