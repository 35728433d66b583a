package io.lega.download.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * Verifies a token, Passport or visa, against the keys of one allow-listed JWKS URL: the signature
 * (ES256, RS256 or PS256 only, by a key matching the header's {@code kid}), the issuer, and the
 * time claims {@code exp} and {@code iat} (both required) and {@code nbf} (when present), within
 * the configured clock skew.
 */
final class SignatureCheck {

  private final JwksCache keys;
  private final Duration skew;
  private final Clock clock;

  /**
   * @param keys the JWKS cache
   * @param skew clock difference tolerated with issuers
   * @param clock the time tokens are evaluated at
   */
  SignatureCheck(JwksCache keys, Duration skew, Clock clock) {
    this.keys = keys;
    this.skew = skew;
    this.clock = clock;
  }

  /**
   * @param token the compact serialization
   * @param keysUrl the allow-listed JWKS URL of its issuer
   * @param issuer the {@code iss} it must carry
   * @param audience the {@code aud} it must name, if any; if none, {@code aud} is not checked
   * @return its verified claims, {@code sub} among them
   * @throws TokenRejectedException for whatever fails
   */
  JwtClaims verify(String token, URI keysUrl, String issuer, Optional<String> audience) {
    NumericDate now = NumericDate.fromMilliseconds(clock.millis());
    int skewSeconds = Math.toIntExact(skew.toSeconds());
    JwtConsumerBuilder builder =
        new JwtConsumerBuilder()
            .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys.keys(keysUrl)))
            .setJwsAlgorithmConstraints(UnverifiedToken.CONSTRAINTS)
            .setExpectedIssuer(issuer)
            .setRequireSubject()
            .setRequireExpirationTime()
            .setRequireIssuedAt()
            .setAllowedClockSkewInSeconds(skewSeconds)
            .setEvaluationTime(now);
    audience.ifPresentOrElse(
        builder::setExpectedAudience, builder::setSkipDefaultAudienceValidation);
    JwtClaims claims;
    try {
      claims = builder.build().processToClaims(token);
    } catch (InvalidJwtException e) {
      throw new TokenRejectedException(problemOf(e), e);
    }
    try {
      if (claims.getIssuedAt().isAfter(NumericDate.fromSeconds(now.getValue() + skewSeconds))) {
        throw new TokenRejectedException(TokenProblem.NOT_YET_VALID);
      }
    } catch (MalformedClaimException e) {
      throw new TokenRejectedException(TokenProblem.MALFORMED, e);
    }
    return claims;
  }

  private static TokenProblem problemOf(InvalidJwtException e) {
    if (e.hasExpired()) {
      return TokenProblem.EXPIRED;
    }
    if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
      return TokenProblem.NOT_YET_VALID;
    }
    if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)
        || e.getCause() instanceof UnresolvableKeyException) {
      return TokenProblem.BAD_SIGNATURE;
    }
    if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)
        || e.hasErrorCode(ErrorCodes.ISSUED_AT_MISSING)
        || e.hasErrorCode(ErrorCodes.SUBJECT_MISSING)
        || e.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
      return TokenProblem.MISSING_CLAIM;
    }
    if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID)) {
      return TokenProblem.UNTRUSTED_ISSUER;
    }
    if (e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)
        || e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)) {
      return TokenProblem.WRONG_AUDIENCE;
    }
    return TokenProblem.MALFORMED;
  }
}
