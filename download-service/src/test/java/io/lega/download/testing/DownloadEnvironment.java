package io.lega.download.testing;

import io.lega.crypt4gh.keys.Crypt4ghPrivateKey;
import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.keys.KeyProtection;
import io.lega.download.auth.JwksServer;
import io.lega.download.auth.TestIssuer;
import io.lega.testsupport.S3Buckets;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * What a download {@code @QuarkusTest} needs besides the database and the broker: a hub that signs
 * Passports (an ES256 key whose JWKS a real HTTP server on loopback serves; the private JWK is
 * written to a file the test reads, key {@value #HUB_KEY}), an archive key file ({@code
 * lega.download.archive-keys[0].path}) and the archive storage: a fresh bucket of the shared
 * s3proxy, or with init argument {@code archive=posix} a temporary folder.
 */
public class DownloadEnvironment implements QuarkusTestResourceLifecycleManager {

  /** The file holding the hub's private JWK, for the tests to sign with. */
  public static final String HUB_KEY = "lega.testsupport.download.hub-key";

  /** The hub's issuer name. */
  public static final String HUB_ISSUER = "https://hub.lega.test";

  /** Where the JWKS is served. */
  public static final String JWKS_PATH = "/hub/jwks";

  private String archiveType = "s3";
  private Path dir;
  private JwksServer server;

  @Override
  public void init(Map<String, String> initArgs) {
    archiveType = initArgs.getOrDefault("archive", "s3");
  }

  @Override
  public Map<String, String> start() {
    try {
      dir = Files.createTempDirectory("download-test");
      server = new JwksServer();
      TestIssuer hub = TestIssuer.ec(HUB_ISSUER, server.url(JWKS_PATH), "hub-1");
      server.publish(JWKS_PATH, hub.publicJwks());
      Path hubKey = dir.resolve("hub-key.jwk");
      Files.writeString(
          hubKey,
          hub.key().toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE),
          StandardCharsets.UTF_8);
      Path archiveKey = dir.resolve("archive.sec");
      KeyFiles.writePrivateKey(
          archiveKey, Crypt4ghPrivateKey.generate(), KeyProtection.none(), "test", false);

      Map<String, String> config = new LinkedHashMap<>();
      String auth = "lega.download.auth.";
      config.put(auth + "passport-issuers[0].issuer", HUB_ISSUER);
      config.put(auth + "passport-issuers[0].jwks-url", hub.jwksUrl().toString());
      config.put(auth + "visa-issuers[0].issuer", HUB_ISSUER);
      config.put(auth + "visa-issuers[0].jwks-url", hub.jwksUrl().toString());
      config.put(auth + "allow-http-jwks", "true");
      config.put("lega.download.archive-keys[0].path", archiveKey.toString());
      if (archiveType.equals("posix")) {
        config.put("lega.download.archive.type", "posix");
        config.put("lega.download.archive.posix.root", dir.resolve("archive").toString());
      } else {
        config.putAll(S3Buckets.freshBucketConfig("lega.download.archive"));
      }
      config.put(HUB_KEY, hubKey.toString());
      return config;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
    if (dir != null) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
