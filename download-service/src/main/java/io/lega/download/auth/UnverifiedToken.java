package io.lega.download.auth;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.jwx.JsonWebStructure;

/**
 * What a token says about itself before its signature is checked: just enough to decide whether,
 * and from where, to fetch the keys that check it. Nothing read here is trusted.
 *
 * @param issuer the {@code iss} claim
 * @param jwksUrl the header's {@code jku}, if any
 */
record UnverifiedToken(String issuer, Optional<URI> jwksUrl) {

  /** The only signature algorithms accepted: asymmetric, as the GA4GH AAI profile allows. */
  static final Set<String> ALGORITHMS =
      Set.of(
          AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256,
          AlgorithmIdentifiers.RSA_USING_SHA256,
          AlgorithmIdentifiers.RSA_PSS_USING_SHA256);

  /** The same list, as the constraint jose4j enforces when it verifies. */
  static final AlgorithmConstraints CONSTRAINTS =
      new AlgorithmConstraints(
          AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHMS.toArray(String[]::new));

  private static final JwtConsumer FIRST_PASS =
      new JwtConsumerBuilder()
          .setSkipAllValidators()
          .setDisableRequireSignature()
          .setSkipSignatureVerification()
          .setJwsAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS)
          .build();

  /**
   * Reads the header and claims of a JWS without verifying it.
   *
   * @throws TokenRejectedException {@link TokenProblem#MALFORMED} if it is not a single JWS with a
   *     JSON claims set, {@link TokenProblem#UNSUPPORTED_ALGORITHM} if its {@code alg} is not
   *     accepted, {@link TokenProblem#MISSING_CLAIM} without {@code iss}
   */
  static UnverifiedToken parse(String token) {
    JwtContext context;
    try {
      context = FIRST_PASS.process(token);
    } catch (InvalidJwtException e) {
      throw new TokenRejectedException(TokenProblem.MALFORMED, e);
    }
    List<JsonWebStructure> structures = context.getJoseObjects();
    if (structures.size() != 1 || !(structures.get(0) instanceof JsonWebSignature jws)) {
      throw new TokenRejectedException(TokenProblem.MALFORMED);
    }
    if (!ALGORITHMS.contains(jws.getAlgorithmHeaderValue())) {
      throw new TokenRejectedException(TokenProblem.UNSUPPORTED_ALGORITHM);
    }
    return new UnverifiedToken(issuer(context.getJwtClaims()), jku(jws));
  }

  private static String issuer(JwtClaims claims) {
    try {
      String issuer = claims.getIssuer();
      if (issuer == null || issuer.isBlank()) {
        throw new TokenRejectedException(TokenProblem.MISSING_CLAIM);
      }
      return issuer;
    } catch (MalformedClaimException e) {
      throw new TokenRejectedException(TokenProblem.MALFORMED, e);
    }
  }

  private static Optional<URI> jku(JsonWebSignature jws) {
    String jku = jws.getHeader(HeaderParameterNames.JWK_SET_URL);
    if (jku == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new URI(jku));
    } catch (java.net.URISyntaxException e) {
      throw new TokenRejectedException(TokenProblem.UNTRUSTED_KEY_URL, e);
    }
  }
}
