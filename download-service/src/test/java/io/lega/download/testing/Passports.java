package io.lega.download.testing;

import io.lega.download.auth.TestIssuer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Signs Passports and visas as the test's hub does (its key from {@link DownloadEnvironment}), and
 * as a rogue that merely claims to be the hub.
 */
public final class Passports {

  private final TestIssuer hub;
  private final TestIssuer rogue;

  /**
   * @param hubKeyFile the file named by {@link DownloadEnvironment#HUB_KEY}
   * @param jwksUrl the hub's JWKS URL (as configured)
   */
  public Passports(Path hubKeyFile, URI jwksUrl) throws IOException, JoseException {
    PublicJsonWebKey key =
        (PublicJsonWebKey) JsonWebKey.Factory.newJwk(Files.readString(hubKeyFile));
    this.hub = TestIssuer.of(DownloadEnvironment.HUB_ISSUER, jwksUrl, key);
    this.rogue = TestIssuer.ec(DownloadEnvironment.HUB_ISSUER, jwksUrl, "hub-1");
  }

  /**
   * {@code Authorization: Bearer ...} of a valid Passport of {@code user} with a visa per dataset.
   */
  public String bearer(String user, String... datasets) throws JoseException {
    return "Bearer " + passport(hub, user, 3600, -600, datasets);
  }

  /** A valid Passport whose visas were asserted {@code assertedAgo} seconds ago. */
  public String bearerAssertedAgo(String user, long assertedAgo, String... datasets)
      throws JoseException {
    return "Bearer " + passport(hub, user, 3600, -assertedAgo, datasets);
  }

  /** A Passport that expired a minute ago (its visas too). */
  public String expired(String user, String... datasets) throws JoseException {
    return "Bearer " + passport(hub, user, -60, -600, datasets);
  }

  /** A Passport and visas signed by a key that is not the hub's (same issuer name and kid). */
  public String wrongSigner(String user, String... datasets) throws JoseException {
    return "Bearer " + passport(rogue, user, 3600, -600, datasets);
  }

  /** The compact Passport itself (for the DRS POST body). */
  public String compact(String user, String... datasets) throws JoseException {
    return passport(hub, user, 3600, -600, datasets);
  }

  private static String passport(
      TestIssuer issuer, String user, long expiresIn, long asserted, String... datasets)
      throws JoseException {
    Instant now = Instant.now();
    List<String> visas = new java.util.ArrayList<>();
    for (String dataset : datasets) {
      Map<String, Object> grant = new LinkedHashMap<>();
      grant.put("type", "ControlledAccessGrants");
      grant.put("value", dataset);
      grant.put("source", "https://hub.lega.test/dacs/EGAC00000000001");
      grant.put("by", "dac");
      grant.put("asserted", now.getEpochSecond() + asserted);
      JwtClaims visa = claims(issuer, user, now, expiresIn);
      visa.setClaim("ga4gh_visa_v1", grant);
      visas.add(issuer.sign(visa));
    }
    JwtClaims passport = claims(issuer, user, now, expiresIn);
    passport.setStringListClaim("ga4gh_passport_v1", visas);
    return issuer.sign(passport);
  }

  private static JwtClaims claims(TestIssuer issuer, String user, Instant now, long expiresIn) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer.issuer());
    claims.setSubject(user);
    claims.setGeneratedJwtId();
    claims.setIssuedAt(
        NumericDate.fromSeconds(now.getEpochSecond() - 10 - Math.max(0, -expiresIn)));
    claims.setExpirationTime(NumericDate.fromSeconds(now.getEpochSecond() + expiresIn));
    return claims;
  }
}
