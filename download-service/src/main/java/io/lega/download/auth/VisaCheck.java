package io.lega.download.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * Checks one visa of a Passport (GA4GH Passport v1.2, "Visa Format"; SDA's download service does
 * the same): size, algorithm, the (iss, jku) pair against the visa issuers' allow-list before any
 * fetch, the signature and time claims, the subject, and the ControlledAccessGrants object. A visa
 * with non-empty {@code conditions} is refused, as the specification requires of a clearinghouse
 * that does not evaluate them.
 */
final class VisaCheck {

  /** The visa type that grants access to a dataset. */
  static final String CONTROLLED_ACCESS_GRANTS = "ControlledAccessGrants";

  /** Longest URL claim ({@code source}), and the longest {@code value} accepted. */
  private static final int MAX_URL_CLAIM = 255;

  private final TrustList issuers;
  private final SignatureCheck signatures;
  private final int maxSize;
  private final Duration skew;
  private final Clock clock;

  /**
   * @param issuers the visa issuers' allow-list
   * @param signatures verifies against an allow-listed JWKS
   * @param maxSize largest visa accepted, in characters
   * @param skew clock difference tolerated for {@code asserted}
   * @param clock the time {@code asserted} is compared with
   */
  VisaCheck(TrustList issuers, SignatureCheck signatures, int maxSize, Duration skew, Clock clock) {
    this.issuers = issuers;
    this.signatures = signatures;
    this.maxSize = maxSize;
    this.skew = skew;
    this.clock = clock;
  }

  /**
   * A dataset a visa grants, until when.
   *
   * @param datasetId the visa's {@code value}
   * @param expiresAt the visa's {@code exp}
   * @param assertedAt the visa's {@code asserted}: when the grant was made
   */
  record Grant(String datasetId, Instant expiresAt, Instant assertedAt) {}

  /**
   * @param visa a visa's compact serialization
   * @param subject the Passport's {@code sub}, which the visa's must equal
   * @return what it grants
   * @throws TokenRejectedException why it grants nothing
   */
  Grant check(String visa, String subject) {
    if (visa.length() > maxSize) {
      throw new TokenRejectedException(TokenProblem.TOO_LARGE);
    }
    UnverifiedToken unverified = UnverifiedToken.parse(visa);
    if (unverified.jwksUrl().isEmpty()) {
      // an access-token-format visa (no jku) would need the issuer's userinfo: not supported
      throw new TokenRejectedException(TokenProblem.UNTRUSTED_KEY_URL);
    }
    String issuer = unverified.issuer();
    JwtClaims claims =
        signatures.verify(
            visa, issuers.keysUrl(issuer, unverified.jwksUrl()), issuer, Optional.empty());
    try {
      if (!subject.equals(claims.getSubject())) {
        throw new TokenRejectedException(TokenProblem.OTHER_SUBJECT);
      }
      return grantOf(claims.getClaimValue("ga4gh_visa_v1"), claims.getExpirationTime().getValue());
    } catch (MalformedClaimException e) {
      throw new TokenRejectedException(TokenProblem.MALFORMED, e);
    }
  }

  private Grant grantOf(Object visaObject, long expiresAt) {
    if (!(visaObject instanceof Map<?, ?> object)) {
      throw new TokenRejectedException(
          visaObject == null ? TokenProblem.MISSING_CLAIM : TokenProblem.MALFORMED);
    }
    if (hasConditions(object.get("conditions"))) {
      throw new TokenRejectedException(TokenProblem.CONDITIONS);
    }
    if (!CONTROLLED_ACCESS_GRANTS.equals(object.get("type"))) {
      throw new TokenRejectedException(TokenProblem.UNSUPPORTED_TYPE);
    }
    String value = text(object.get("value"));
    if (text(object.get("by")) == null
        || value == null
        || value.length() > MAX_URL_CLAIM
        || text(object.get("source")) == null
        || text(object.get("source")).length() > MAX_URL_CLAIM) {
      throw new TokenRejectedException(TokenProblem.INVALID_GRANT);
    }
    if (!(object.get("asserted") instanceof Number asserted) || asserted.longValue() <= 0) {
      throw new TokenRejectedException(TokenProblem.INVALID_GRANT);
    }
    if (Instant.ofEpochSecond(asserted.longValue()).isAfter(clock.instant().plus(skew))) {
      throw new TokenRejectedException(TokenProblem.NOT_YET_VALID);
    }
    return new Grant(
        value, Instant.ofEpochSecond(expiresAt), Instant.ofEpochSecond(asserted.longValue()));
  }

  /** Absent, null, an empty list or an empty object: no conditions. Anything else: conditions. */
  private static boolean hasConditions(Object conditions) {
    if (conditions == null) {
      return false;
    }
    if (conditions instanceof Collection<?> list) {
      return !list.isEmpty();
    }
    if (conditions instanceof Map<?, ?> map) {
      return !map.isEmpty();
    }
    return true;
  }

  private static String text(Object claim) {
    return claim instanceof String s && !s.isBlank() ? s : null;
  }
}
