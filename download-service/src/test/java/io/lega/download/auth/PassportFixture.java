package io.lega.download.auth;

import io.lega.download.config.DownloadConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * The parties of a Passport test: the hub (ES256; issues Passports and visas), a second trusted
 * visa issuer (RS256), both serving their JWKS from one loopback server, and a rogue issuer on a
 * second server that is on no list. Also the claims of a valid Passport and visa, for tests to
 * spoil one thing at a time.
 */
final class PassportFixture implements AutoCloseable {

  static final String SUBJECT = "researcher-1";
  static final String DATASET_A = "EGAD00000000001";
  static final String DATASET_B = "EGAD00000000002";
  static final String DATASET_C = "EGAD00000000003";
  static final String DAC = "https://hub.lega.test/dacs/EGAC00000000001";

  final JwksServer server;
  final JwksServer rogueServer;
  final TestIssuer hub;
  final TestIssuer elixir;
  final TestIssuer rogue;
  final TestClock clock;

  PassportFixture() throws IOException, JoseException {
    server = new JwksServer();
    rogueServer = new JwksServer();
    hub = TestIssuer.ec("https://hub.lega.test", server.url("/hub/jwks"), "hub-1");
    elixir = TestIssuer.rsa("https://aai.elixir.test/", server.url("/elixir/jwks"), "elixir-1");
    rogue = TestIssuer.ec("https://rogue.test", rogueServer.url("/jwks"), "rogue-1");
    server.publish("/hub/jwks", hub.publicJwks());
    server.publish("/elixir/jwks", elixir.publicJwks());
    rogueServer.publish("/jwks", rogue.publicJwks());
    clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /** The settings trusting the hub for Passports, and the hub and elixir for visas. */
  DownloadConfig.Auth config(String... overrides) {
    Map<String, String> properties = new HashMap<>();
    String prefix = "lega.download.auth.";
    properties.put(prefix + "passport-issuers[0].issuer", hub.issuer());
    properties.put(prefix + "passport-issuers[0].jwks-url", hub.jwksUrl().toString());
    properties.put(prefix + "visa-issuers[0].issuer", hub.issuer());
    properties.put(prefix + "visa-issuers[0].jwks-url", hub.jwksUrl().toString());
    properties.put(prefix + "visa-issuers[1].issuer", elixir.issuer());
    properties.put(prefix + "visa-issuers[1].jwks-url", elixir.jwksUrl().toString());
    properties.put(prefix + "allow-http-jwks", "true");
    for (int i = 0; i < overrides.length; i += 2) {
      properties.put(prefix + overrides[i], overrides[i + 1]);
    }
    return config(properties).auth();
  }

  /** {@code properties} read through the {@code @ConfigMapping}, as the service reads them. */
  static DownloadConfig config(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(DownloadConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 400))
            .build();
    return config.getConfigMapping(DownloadConfig.class);
  }

  PassportValidator validator(String... overrides) {
    return new PassportValidator(config(overrides), clock);
  }

  /** {@code seconds} from the clock's now, as a JWT time. */
  NumericDate at(long seconds) {
    return NumericDate.fromSeconds(clock.instant().getEpochSecond() + seconds);
  }

  /** A valid ControlledAccessGrants visa object for {@code dataset}, to change. */
  Map<String, Object> grant(String dataset) {
    Map<String, Object> visa = new LinkedHashMap<>();
    visa.put("type", "ControlledAccessGrants");
    visa.put("value", dataset);
    visa.put("source", DAC);
    visa.put("by", "dac");
    visa.put("asserted", clock.instant().getEpochSecond() - 600);
    return visa;
  }

  /** The claims of a valid visa of {@code issuer} granting {@code grant}, to change. */
  JwtClaims visaClaims(TestIssuer issuer, Map<String, Object> grant) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer.issuer());
    claims.setSubject(SUBJECT);
    claims.setGeneratedJwtId();
    claims.setIssuedAt(at(-60));
    claims.setExpirationTime(at(3600));
    claims.setClaim("ga4gh_visa_v1", grant);
    return claims;
  }

  /** A valid visa of {@code issuer} for {@code dataset}. */
  String visa(TestIssuer issuer, String dataset) throws JoseException {
    return issuer.sign(visaClaims(issuer, grant(dataset)));
  }

  /** The claims of a valid Passport of the hub holding {@code visas}, to change. */
  JwtClaims passportClaims(String... visas) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(hub.issuer());
    claims.setSubject(SUBJECT);
    claims.setGeneratedJwtId();
    claims.setIssuedAt(at(-10));
    claims.setExpirationTime(at(3600));
    claims.setStringListClaim("ga4gh_passport_v1", List.of(visas));
    return claims;
  }

  /** A valid Passport of the hub holding {@code visas}. */
  String passport(String... visas) throws JoseException {
    return hub.sign(passportClaims(visas));
  }

  /** The same, as an {@code Authorization} header. */
  String bearer(String... visas) throws JoseException {
    return "Bearer " + passport(visas);
  }

  @Override
  public void close() {
    server.close();
    rogueServer.close();
  }
}
