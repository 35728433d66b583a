package io.lega.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One backend per JVM, even across class loaders. Quarkus loads test resources in a class loader
 * per application start, so a static field would start one backend per test profile; the connection
 * details are therefore kept in system properties ({@code lega-test.shared.*}, outside the {@code
 * lega.} prefix the services map strictly)), which every class loader sees. The backend object
 * stays with the class loader that started it, whose shutdown hook stops it when the JVM exits.
 */
final class JvmShared {

  private static final String PREFIX = "lega-test.shared.";

  /**
   * A string literal is interned, so this is the same object in every class loader that loads this
   * class: the lock is JVM-wide.
   */
  private static final Object LOCK = "io.lega.testsupport.JvmShared.LOCK";

  private JvmShared() {}

  static <C> C get(
      String name,
      Supplier<? extends Backend<C>> starter,
      Function<C, Map<String, String>> encode,
      Function<Map<String, String>, C> decode) {
    String marker = PREFIX + name;
    synchronized (LOCK) {
      if (System.getProperty(marker) != null) {
        Map<String, String> fields = new HashMap<>();
        String fieldPrefix = marker + ".";
        for (String key : System.getProperties().stringPropertyNames()) {
          if (key.startsWith(fieldPrefix)) {
            fields.put(key.substring(fieldPrefix.length()), System.getProperty(key));
          }
        }
        return decode.apply(fields);
      }
      Backend<C> backend = starter.get();
      C connection = backend.connection();
      encode.apply(connection).forEach((k, v) -> System.setProperty(marker + "." + k, v));
      System.setProperty(marker, "started");
      Thread hook =
          new Thread(
              () -> {
                System.clearProperty(marker);
                backend.close();
              },
              "lega-testsupport-stop-" + name);
      Runtime.getRuntime().addShutdownHook(hook);
      return connection;
    }
  }
}
