package io.lega.testsupport;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads the test-support settings. Each setting has an environment variable name such as {@code
 * LEGA_TEST_PG_HOST}; the system property of the same name in lower case with dots ({@code
 * lega-test.pg.host}) wins over it. Blank values count as unset.
 */
public final class Settings {

  private Settings() {}

  /** The value of a setting, by its environment variable name. */
  public static Optional<String> get(String envName) {
    String value = System.getProperty(propertyName(envName));
    if (value == null || value.isBlank()) {
      value = System.getenv(envName);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  /** The value of a setting, or {@code defaultValue} if unset. */
  public static String get(String envName, String defaultValue) {
    return get(envName).orElse(defaultValue);
  }

  /** An integer setting, or {@code defaultValue} if unset. */
  public static int getInt(String envName, int defaultValue) {
    Optional<String> value = get(envName);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(envName + " is not a number: " + value.get(), e);
    }
  }

  /**
   * A yes/no setting ({@code true/false}, {@code yes/no}, {@code 1/0}), or {@code defaultValue}.
   */
  public static boolean getBoolean(String envName, boolean defaultValue) {
    Optional<String> value = get(envName);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw new IllegalArgumentException(envName + " is not a yes/no: " + value.get());
    };
  }

  /**
   * {@code LEGA_TEST_PG_HOST} becomes {@code lega-test.pg.host}: outside the {@code lega.} prefix
   * that the services map strictly, so a test JVM's settings never read as a misspelt service key.
   */
  public static String propertyName(String envName) {
    String name = envName.toLowerCase(Locale.ROOT).replace('_', '.');
    return name.startsWith("lega.test.") ? "lega-test." + name.substring(10) : name;
  }
}
