package io.lega.hub.passport;

import io.lega.hub.config.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Makes GA4GH Passports (v1.2, self-contained): a JWT with header {@code typ:
 * vnd.ga4gh.passport+jwt}, claims {@code iss}, {@code sub}, {@code iat}, {@code exp}, {@code jti}
 * and {@code ga4gh_passport_v1}, the list of visas; each visa a Visa Document Token (header {@code
 * typ: JWT}, {@code jku}, {@code kid}) of type {@code ControlledAccessGrants}. Everything is signed
 * ES256 with the hub's {@link SigningKey}. See docs/decisions/0004-passports-and-visas.md for where
 * this departs from the specification.
 */
@ApplicationScoped
public class PassportSigner {

  /** The media type of a Passport, as its {@code typ} header says. */
  public static final String PASSPORT_TYPE = "vnd.ga4gh.passport+jwt";

  private final SigningKey key;
  private final String issuer;
  private final String jwksUrl;

  public PassportSigner(SigningKey key, HubConfig config) {
    this.key = key;
    this.issuer = config.passport().issuer();
    this.jwksUrl = config.passport().jwksUrl();
  }

  /** One grant to write as a visa. */
  public record Grant(String datasetId, String dacId, Instant grantedAt, Instant expiresAt) {}

  /**
   * A Passport for {@code user}, valid from {@code now} until {@code until}, with one visa per
   * grant, each valid until its grant's expiry or {@code until}, whichever comes first.
   */
  public String passport(String user, List<Grant> grants, Instant now, Instant until) {
    JwtClaims claims = claims(user, now, until);
    claims.setClaim(
        "ga4gh_passport_v1", grants.stream().map(g -> visa(user, g, now, until)).toList());
    return sign(claims, PASSPORT_TYPE);
  }

  /** The URL form of a DAC's id: a visa's {@code source}. */
  public String dacUrl(String dacId) {
    return issuer + "/api/dacs/" + dacId;
  }

  private String visa(String user, Grant grant, Instant now, Instant until) {
    Instant exp =
        grant.expiresAt() != null && grant.expiresAt().isBefore(until) ? grant.expiresAt() : until;
    JwtClaims claims = claims(user, now, exp);
    Map<String, Object> visa = new LinkedHashMap<>();
    visa.put("type", "ControlledAccessGrants");
    visa.put("asserted", grant.grantedAt().getEpochSecond());
    visa.put("value", grant.datasetId());
    visa.put("source", dacUrl(grant.dacId()));
    visa.put("by", "dac");
    claims.setClaim("ga4gh_visa_v1", visa);
    return sign(claims, "JWT");
  }

  private JwtClaims claims(String user, Instant now, Instant exp) {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(issuer);
    claims.setSubject(user);
    claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
    claims.setExpirationTime(NumericDate.fromSeconds(exp.getEpochSecond()));
    claims.setGeneratedJwtId();
    return claims;
  }

  private String sign(JwtClaims claims, String type) {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
    jws.setHeader("typ", type);
    jws.setHeader("jku", jwksUrl);
    jws.setKeyIdHeaderValue(key.keyId());
    jws.setKey(key.privateKey());
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }
}
