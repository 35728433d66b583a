package io.lega.download.auth;

/**
 * Why a Passport was refused or a visa ignored. The descriptions are safe to show a caller and to
 * log: none carries any part of the token.
 */
public enum TokenProblem {
  /** No {@code Authorization: Bearer} token. */
  MISSING("no bearer token"),
  /** Not a JWS compact serialization, or its claims are not JSON of the expected shape. */
  MALFORMED("not a well-formed signed JWT"),
  /** Longer than the configured limit. */
  TOO_LARGE("larger than allowed"),
  /** {@code alg} is none, symmetric (HS256...) or any other than ES256, RS256 and PS256. */
  UNSUPPORTED_ALGORITHM("signed with an algorithm that is not accepted"),
  /** {@code iss} is not on the configured list. */
  UNTRUSTED_ISSUER("issuer not trusted"),
  /** The header's {@code jku} is absent (visas) or not the configured JWKS URL of the issuer. */
  UNTRUSTED_KEY_URL("key set URL (jku) not trusted for this issuer"),
  /** The issuer's JWKS could not be fetched or read. */
  KEYS_UNAVAILABLE("the issuer's keys are unavailable"),
  /** No key of the issuer's JWKS verifies the signature. */
  BAD_SIGNATURE("signature not made by a trusted key"),
  /** {@code exp} has passed. */
  EXPIRED("expired"),
  /** {@code nbf}, {@code iat} or {@code asserted} lies in the future. */
  NOT_YET_VALID("not yet valid"),
  /** {@code iss}, {@code sub}, {@code iat}, {@code exp} or the visa object is missing. */
  MISSING_CLAIM("a required claim is missing"),
  /** {@code aud} does not name this service (only when an audience is configured). */
  WRONG_AUDIENCE("not issued for this service"),
  /** A visa beyond the configured number read from one Passport. */
  OVER_LIMIT("beyond the most visas read from one Passport"),
  /** A visa whose {@code sub} differs from the Passport's. */
  OTHER_SUBJECT("issued to another subject than the Passport"),
  /** A visa of another type than ControlledAccessGrants. */
  UNSUPPORTED_TYPE("not a ControlledAccessGrants visa"),
  /** A visa with non-empty {@code conditions}, which this service does not evaluate. */
  CONDITIONS("has conditions, which are not supported"),
  /**
   * A ControlledAccessGrants visa without a valid {@code by}, {@code value}, {@code source} or
   * {@code asserted}.
   */
  INVALID_GRANT("by, value, source or asserted missing or invalid");

  private final String description;

  TokenProblem(String description) {
    this.description = description;
  }

  /** A short phrase for a problem response or a log line. */
  public String description() {
    return description;
  }
}
