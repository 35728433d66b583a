package io.lega.download.auth;

import io.lega.download.config.DownloadConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * Checks a request's GA4GH Passport and reads what its visas grant.
 *
 * <p>The Passport must be a JWT signed (ES256, RS256 or PS256) by a configured Passport issuer,
 * with the keys from that issuer's configured JWKS URL (a {@code jku} in its header must be that
 * URL, checked before anything is fetched); {@code iss}, {@code sub}, {@code iat} and {@code exp}
 * are required, and {@code exp}, {@code nbf} and {@code iat} are checked within the configured
 * clock skew. Anything else refuses the request ({@link TokenRejectedException}).
 *
 * <p>Each visa of its {@code ga4gh_passport_v1} claim is then checked by itself (see {@link
 * VisaCheck}); a visa that fails is ignored and logged (never the token), and the others still
 * count. Keys are fetched only from allow-listed URLs and kept for the configured lifetime.
 *
 * <p>Checking may fetch a JWKS over HTTP, so it blocks: call it on a worker thread.
 */
public final class PassportValidator {

  private static final Logger LOG = Logger.getLogger(PassportValidator.class);

  private static final String BEARER = "Bearer ";

  private final DownloadConfig.Auth config;
  private final TrustList passportIssuers;
  private final SignatureCheck signatures;
  private final VisaCheck visas;

  /**
   * @param config the {@code lega.download.auth} settings
   * @param clock the time tokens are evaluated at, and fetched keys age by
   * @throws IllegalArgumentException for an invalid issuer list (see {@link
   *     DownloadConfig.Auth#passportIssuers()})
   */
  public PassportValidator(DownloadConfig.Auth config, Clock clock) {
    this.config = config;
    this.passportIssuers = TrustList.of(config.passportIssuers(), config.allowHttpJwks());
    JwksCache keys =
        new JwksCache(
            new JwksFetcher(config.jwksFetchTimeout(), config.jwksMaxSize()),
            config.jwksCacheLifetime(),
            clock);
    this.signatures = new SignatureCheck(keys, config.clockSkew(), clock);
    this.visas =
        new VisaCheck(
            TrustList.of(config.visaIssuers(), config.allowHttpJwks()),
            signatures,
            config.maxVisaSize(),
            config.clockSkew(),
            clock);
  }

  /**
   * @param authorization the request's {@code Authorization} header, or null
   * @return the Passport and its grants
   * @throws TokenRejectedException {@link TokenProblem#MISSING} without a bearer token, or why the
   *     Passport is refused
   */
  public VerifiedPassport validateAuthorization(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw rejected(new TokenRejectedException(TokenProblem.MISSING));
    }
    return validate(authorization.substring(BEARER.length()).strip());
  }

  /**
   * @param passport a Passport's compact serialization (as a DRS request body may carry it)
   * @return the Passport and its grants
   * @throws TokenRejectedException why the Passport is refused
   */
  public VerifiedPassport validate(String passport) {
    try {
      return grantsOf(verified(passport));
    } catch (TokenRejectedException e) {
      throw rejected(e);
    }
  }

  private JwtClaims verified(String passport) {
    if (passport == null || passport.isEmpty()) {
      throw new TokenRejectedException(TokenProblem.MISSING);
    }
    if (passport.length() > config.maxPassportSize()) {
      throw new TokenRejectedException(TokenProblem.TOO_LARGE);
    }
    UnverifiedToken unverified = UnverifiedToken.parse(passport);
    String issuer = unverified.issuer();
    return signatures.verify(
        passport, passportIssuers.keysUrl(issuer, unverified.jwksUrl()), issuer, config.audience());
  }

  private VerifiedPassport grantsOf(JwtClaims claims) {
    try {
      Identity user = new Identity(claims.getIssuer(), claims.getSubject());
      Map<String, Instant> datasets = new HashMap<>();
      Map<String, Instant> granted = new HashMap<>();
      List<IgnoredVisa> ignored = new ArrayList<>();
      List<?> passportClaim = visaList(claims.getClaimValue("ga4gh_passport_v1"));
      for (int index = 0; index < passportClaim.size(); index++) {
        try {
          if (index >= config.maxVisas()) {
            throw new TokenRejectedException(TokenProblem.OVER_LIMIT);
          }
          if (!(passportClaim.get(index) instanceof String visa)) {
            throw new TokenRejectedException(TokenProblem.MALFORMED);
          }
          VisaCheck.Grant grant = visas.check(visa, user.subject());
          datasets.merge(grant.datasetId(), grant.expiresAt(), PassportValidator::later);
          granted.merge(grant.datasetId(), grant.assertedAt(), PassportValidator::later);
        } catch (TokenRejectedException e) {
          LOG.debugf(
              "visa %d of the Passport of %s ignored: %s",
              index, user.subject(), e.problem().description());
          ignored.add(new IgnoredVisa(index, e.problem()));
        }
      }
      return new VerifiedPassport(
          user,
          Instant.ofEpochSecond(claims.getExpirationTime().getValue()),
          datasets,
          granted,
          ignored);
    } catch (MalformedClaimException e) {
      throw new TokenRejectedException(TokenProblem.MALFORMED, e);
    }
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static List<?> visaList(Object claim) {
    if (claim == null) {
      return List.of();
    }
    if (!(claim instanceof List<?> list)) {
      throw new TokenRejectedException(TokenProblem.MALFORMED);
    }
    return list;
  }

  private static TokenRejectedException rejected(TokenRejectedException e) {
    LOG.infof("Passport refused: %s", e.problem().description());
    return e;
  }
}
