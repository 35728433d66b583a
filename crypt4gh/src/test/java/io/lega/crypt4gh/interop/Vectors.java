package io.lega.crypt4gh.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** The reference implementation's vectors (copied from shared/testdata/crypt4gh), read once. */
final class Vectors {
  static final JsonNode MANIFEST = load();

  /** One check of the manifest: a file, the key to read it with, and the expected outcome. */
  record Check(
      String vector, String file, String reader, boolean ok, String reason, JsonNode output) {
    @Override
    public String toString() {
      return vector + " with " + reader + " -> " + (ok ? "ok" : reason);
    }
  }

  private Vectors() {}

  static List<Check> checks() {
    List<Check> checks = new ArrayList<>();
    for (JsonNode vector : MANIFEST.get("vectors")) {
      for (JsonNode check : vector.get("checks")) {
        boolean ok = check.get("expect").asText().equals("ok");
        checks.add(
            new Check(
                vector.get("id").asText(),
                vector.get("file").asText(),
                check.get("decrypt_with").asText(),
                ok,
                ok ? null : check.get("reason").asText(),
                check.get("output")));
      }
    }
    return checks;
  }

  static JsonNode vector(String id) {
    for (JsonNode vector : MANIFEST.get("vectors")) {
      if (vector.get("id").asText().equals(id)) {
        return vector;
      }
    }
    throw new IllegalArgumentException(id);
  }

  static JsonNode key(String name) {
    return MANIFEST.get("keys").get(name);
  }

  /** The raw X25519 key of {@code name}, as the manifest gives it. */
  static Crypt4ghPrivateKey rawKey(String name) {
    return Crypt4ghPrivateKey.of(
        HexFormat.of().parseHex(key(name).get("x25519_secret_hex").asText()));
  }

  static byte[] bytes(String relativePath) {
    try (InputStream in = open(relativePath)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static InputStream open(String relativePath) {
    InputStream in = Vectors.class.getResourceAsStream("/vectors/" + relativePath);
    if (in == null) {
      throw new IllegalArgumentException("no test vector " + relativePath);
    }
    return in;
  }

  private static JsonNode load() {
    try (InputStream in = open("manifest.json")) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
