package io.lega.testsupport.quarkus;

import java.util.Map;

/** Shared init argument handling. */
final class Resources {

  private Resources() {}

  static boolean shared(Map<String, String> initArgs) {
    String value = initArgs.getOrDefault("shared", "true").trim();
    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
      throw new IllegalArgumentException("init argument 'shared' must be true or false: " + value);
    }
    return Boolean.parseBoolean(value);
  }
}
