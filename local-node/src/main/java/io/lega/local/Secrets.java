package io.lega.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The generated secrets of a local node, made on first start and kept in {@code secrets.env} of its
 * data folder (owner-only, {@code KEY=value} lines a shell can source): the hub's admin token, the
 * service token the inbox uses at the hub, and the run id that names the node's databases and
 * buckets on shared infrastructure.
 *
 * @param file the file they are kept in
 * @param adminToken {@value #ADMIN_TOKEN}: the hub's admin API token
 * @param serviceToken {@value #SERVICE_TOKEN}: what the node's services present to the hub
 * @param runId {@value #RUN_ID}: a short random name, unique to this data folder
 */
public record Secrets(Path file, String adminToken, String serviceToken, String runId) {

  /** The variable of the admin token in {@code secrets.env}. */
  public static final String ADMIN_TOKEN = "LEGA_HUB_ADMIN_TOKEN";

  /** The variable of the service token in {@code secrets.env}. */
  public static final String SERVICE_TOKEN = "LEGA_HUB_SERVICE_TOKEN";

  /** The variable of the run id in {@code secrets.env}. */
  public static final String RUN_ID = "LEGA_NODE_RUN_ID";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Reads {@code file}, adding (and saving) any secret it lacks. */
  public static Secrets loadOrCreate(Path file) {
    try {
      Map<String, String> values = new LinkedHashMap<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          int eq = line.indexOf('=');
          if (eq > 0 && !line.startsWith("#")) {
            values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
          }
        }
      }
      boolean changed = false;
      for (String key : new String[] {ADMIN_TOKEN, SERVICE_TOKEN}) {
        if (values.get(key) == null || values.get(key).isEmpty()) {
          values.put(key, random(24));
          changed = true;
        }
      }
      if (values.get(RUN_ID) == null || values.get(RUN_ID).isEmpty()) {
        values.put(RUN_ID, random(4));
        changed = true;
      }
      if (changed) {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        OwnerOnly.writeString(file, text.toString());
      }
      return new Secrets(
          file, values.get(ADMIN_TOKEN), values.get(SERVICE_TOKEN), values.get(RUN_ID));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write " + file, e);
    }
  }

  /** {@code bytes} random bytes in hex. */
  static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return HexFormat.of().formatHex(buffer);
  }

  @Override
  public String toString() {
    return "Secrets[" + file + "]";
  }
}
