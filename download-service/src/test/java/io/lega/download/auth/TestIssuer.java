package io.lega.download.auth;

import java.net.URI;
import java.util.Map;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

/**
 * An issuer of signed tokens in tests: a generated key pair (EC P-256 for ES256, or RSA 2048 for
 * RS256), its name ({@code iss}) and where its JWKS is served.
 */
public final class TestIssuer {

  private final String issuer;
  private final URI jwksUrl;
  private final PublicJsonWebKey key;
  private final String algorithm;

  private TestIssuer(String issuer, URI jwksUrl, PublicJsonWebKey key, String algorithm) {
    this.issuer = issuer;
    this.jwksUrl = jwksUrl;
    this.key = key;
    this.algorithm = algorithm;
  }

  /** An ES256 issuer with key id {@code kid}. */
  public static TestIssuer ec(String issuer, URI jwksUrl, String kid) throws JoseException {
    PublicJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
    key.setKeyId(kid);
    return new TestIssuer(
        issuer, jwksUrl, key, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
  }

  /** An RS256 issuer with key id {@code kid}. */
  public static TestIssuer rsa(String issuer, URI jwksUrl, String kid) throws JoseException {
    PublicJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
    key.setKeyId(kid);
    return new TestIssuer(issuer, jwksUrl, key, AlgorithmIdentifiers.RSA_USING_SHA256);
  }

  /** An issuer of an existing key pair (ES256 for an EC key, RS256 for RSA). */
  public static TestIssuer of(String issuer, URI jwksUrl, PublicJsonWebKey key) {
    String algorithm =
        key instanceof org.jose4j.jwk.EllipticCurveJsonWebKey
            ? AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256
            : AlgorithmIdentifiers.RSA_USING_SHA256;
    return new TestIssuer(issuer, jwksUrl, key, algorithm);
  }

  public String issuer() {
    return issuer;
  }

  public URI jwksUrl() {
    return jwksUrl;
  }

  public PublicJsonWebKey key() {
    return key;
  }

  /** The public half, as a JWKS document. */
  public String publicJwks() {
    return new JsonWebKeySet(key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
  }

  /** Signs {@code claims} with this issuer's key, naming its JWKS URL as {@code jku}. */
  public String sign(JwtClaims claims) throws JoseException {
    return sign(claims, Map.of("jku", jwksUrl.toString()));
  }

  /** Signs {@code claims} with this issuer's key and kid, with {@code headers} added. */
  public String sign(JwtClaims claims, Map<String, String> headers) throws JoseException {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setAlgorithmHeaderValue(algorithm);
    jws.setKeyIdHeaderValue(key.getKeyId());
    headers.forEach(jws::setHeader);
    jws.setKey(key.getPrivateKey());
    return jws.getCompactSerialization();
  }
}
