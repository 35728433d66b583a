package io.lega.download.auth;

import static io.lega.download.auth.PassportFixture.DATASET_A;
import static io.lega.download.auth.PassportFixture.DATASET_B;
import static io.lega.download.auth.PassportFixture.DATASET_C;
import static io.lega.download.auth.PassportFixture.SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Passport and its visas, checked against issuers serving real JWKS over HTTP: one valid case,
 * then each refusal by itself.
 */
class PassportValidatorTest {

  private PassportFixture fixture;
  private PassportValidator validator;

  @BeforeEach
  void start() throws Exception {
    fixture = new PassportFixture();
    validator = fixture.validator();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void aValidPassportWithTwoVisasGrantsBothDatasets() throws JoseException {
    String visaA = fixture.visa(fixture.hub, DATASET_A);
    String visaB = fixture.visa(fixture.elixir, DATASET_B);

    VerifiedPassport passport = validator.validateAuthorization(fixture.bearer(visaA, visaB));

    assertThat(passport.user()).isEqualTo(new Identity(fixture.hub.issuer(), SUBJECT));
    assertThat(passport.expiresAt()).isEqualTo(fixture.clock.instant().plusSeconds(3600));
    assertThat(passport.datasets())
        .containsOnly(
            Map.entry(DATASET_A, fixture.clock.instant().plusSeconds(3600)),
            Map.entry(DATASET_B, fixture.clock.instant().plusSeconds(3600)));
    assertThat(passport.grants(DATASET_A)).isTrue();
    assertThat(passport.grants(DATASET_B)).isTrue();
    assertThat(passport.ignored()).isEmpty();
  }

  @Test
  void aPassportWithoutVisasIsValidAndGrantsNothing() throws JoseException {
    JwtClaims claims = fixture.passportClaims();
    claims.unsetClaim("ga4gh_passport_v1");

    VerifiedPassport passport = validator.validate(fixture.hub.sign(claims));

    assertThat(passport.user().subject()).isEqualTo(SUBJECT);
    assertThat(passport.datasets()).isEmpty();
  }

  @Test
  void noTokenIsRefused() {
    assertRefused(() -> validator.validateAuthorization(null), TokenProblem.MISSING);
    assertRefused(() -> validator.validateAuthorization(""), TokenProblem.MISSING);
    assertRefused(() -> validator.validateAuthorization("Bearer "), TokenProblem.MISSING);
    assertRefused(
        () -> validator.validateAuthorization("Basic dXNlcjpwYXNz"), TokenProblem.MISSING);
    assertThat(fixture.server.allRequests()).isZero();
  }

  @Test
  void theBearerSchemeIsCaseInsensitive() throws JoseException {
    String visa = fixture.visa(fixture.hub, DATASET_A);

    VerifiedPassport passport = validator.validateAuthorization("bearer " + fixture.passport(visa));

    assertThat(passport.grants(DATASET_A)).isTrue();
  }

  @Test
  void aGarbledTokenIsRefused() {
    assertRefused(() -> validator.validate("not.a.jwt"), TokenProblem.MALFORMED);
    assertRefused(() -> validator.validate("abc"), TokenProblem.MALFORMED);
  }

  @Test
  void aPassportSignedByAnUnknownKeyIsRefused() throws JoseException {
    // the hub's name and key id, another key
    TestIssuer impostor = TestIssuer.ec(fixture.hub.issuer(), fixture.hub.jwksUrl(), "hub-1");
    TestIssuer otherKid = TestIssuer.ec(fixture.hub.issuer(), fixture.hub.jwksUrl(), "hub-2");

    assertRefused(
        () -> validator.validate(impostor.sign(fixture.passportClaims())),
        TokenProblem.BAD_SIGNATURE);
    assertRefused(
        () -> validator.validate(otherKid.sign(fixture.passportClaims())),
        TokenProblem.BAD_SIGNATURE);
  }

  @Test
  void algNoneIsRefusedBeforeAnyFetch() throws JoseException {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(fixture.passportClaims(fixture.visa(fixture.hub, DATASET_A)).toJson());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
    jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
    jws.setHeader("jku", fixture.hub.jwksUrl().toString());
    String unsigned = jws.getCompactSerialization();

    assertRefused(() -> validator.validate(unsigned), TokenProblem.UNSUPPORTED_ALGORITHM);
    assertThat(fixture.server.allRequests()).isZero();
  }

  @Test
  void hs256WithThePublicKeyAsSecretIsRefused() throws JoseException {
    TestIssuer rsaHub = TestIssuer.rsa(fixture.hub.issuer(), fixture.hub.jwksUrl(), "hub-1");
    fixture.server.publish("/hub/jwks", rsaHub.publicJwks());
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(fixture.passportClaims().toJson());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
    jws.setKeyIdHeaderValue("hub-1");
    jws.setKey(new HmacKey(rsaHub.key().getPublicKey().getEncoded()));
    String forged = jws.getCompactSerialization();

    assertRefused(() -> validator.validate(forged), TokenProblem.UNSUPPORTED_ALGORITHM);
    assertThat(fixture.server.allRequests()).isZero();
  }

  @Test
  void anExpiredPassportIsRefused() throws JoseException {
    JwtClaims claims = fixture.passportClaims(fixture.visa(fixture.hub, DATASET_A));
    claims.setIssuedAt(fixture.at(-7200));
    claims.setExpirationTime(fixture.at(-31)); // the default skew is 30 s

    assertRefused(() -> validator.validate(fixture.hub.sign(claims)), TokenProblem.EXPIRED);
  }

  @Test
  void expiryWithinTheClockSkewIsTolerated() throws JoseException {
    JwtClaims claims = fixture.passportClaims(fixture.visa(fixture.hub, DATASET_A));
    claims.setIssuedAt(fixture.at(-7200));
    claims.setExpirationTime(fixture.at(-20));

    assertThat(validator.validate(fixture.hub.sign(claims)).grants(DATASET_A)).isTrue();
    assertRefused(
        () -> fixture.validator("clock-skew", "PT10S").validate(fixture.hub.sign(claims)),
        TokenProblem.EXPIRED);
  }

  @Test
  void aPassportNotYetValidIsRefused() throws JoseException {
    JwtClaims notBefore = fixture.passportClaims();
    notBefore.setNotBefore(fixture.at(600));
    JwtClaims issuedLater = fixture.passportClaims();
    issuedLater.setIssuedAt(fixture.at(600));

    assertRefused(
        () -> validator.validate(fixture.hub.sign(notBefore)), TokenProblem.NOT_YET_VALID);
    assertRefused(
        () -> validator.validate(fixture.hub.sign(issuedLater)), TokenProblem.NOT_YET_VALID);
  }

  @Test
  void aPassportWithoutARequiredClaimIsRefused() throws JoseException {
    for (String claim : List.of("sub", "exp", "iat", "iss")) {
      JwtClaims claims = fixture.passportClaims();
      claims.unsetClaim(claim);

      assertRefused(() -> validator.validate(fixture.hub.sign(claims)), TokenProblem.MISSING_CLAIM);
    }
  }

  @Test
  void aPassportFromAnIssuerNotOnTheListIsRefusedWithoutFetching() throws JoseException {
    // elixir is trusted for visas, not for Passports
    JwtClaims fromElixir = fixture.passportClaims();
    fromElixir.setIssuer(fixture.elixir.issuer());
    JwtClaims fromRogue = fixture.passportClaims();
    fromRogue.setIssuer(fixture.rogue.issuer());

    assertRefused(
        () -> validator.validate(fixture.elixir.sign(fromElixir)), TokenProblem.UNTRUSTED_ISSUER);
    assertRefused(
        () -> validator.validate(fixture.rogue.sign(fromRogue)), TokenProblem.UNTRUSTED_ISSUER);
    assertThat(fixture.server.allRequests()).isZero();
    assertThat(fixture.rogueServer.allRequests()).isZero();
  }

  @Test
  void aPassportWhoseJkuIsNotOnTheListIsRefusedWithoutFetching() throws JoseException {
    JwtClaims claims = fixture.passportClaims(fixture.visa(fixture.hub, DATASET_A));
    TestIssuer impostor = TestIssuer.ec(fixture.hub.issuer(), fixture.rogue.jwksUrl(), "rogue-1");
    fixture.rogueServer.publish("/jwks", impostor.publicJwks());

    assertRefused(() -> validator.validate(impostor.sign(claims)), TokenProblem.UNTRUSTED_KEY_URL);
    assertThat(fixture.rogueServer.allRequests()).isZero();
    assertThat(fixture.server.allRequests()).isZero();
  }

  @Test
  void aPassportWithoutJkuIsCheckedWithItsIssuersConfiguredKeys() throws JoseException {
    String passport =
        fixture.hub.sign(fixture.passportClaims(fixture.visa(fixture.hub, DATASET_A)), Map.of());

    assertThat(validator.validate(passport).grants(DATASET_A)).isTrue();
    assertThat(fixture.server.requests("/hub/jwks")).isEqualTo(1);
  }

  @Test
  void anOversizedPassportIsRefusedBeforeParsing() throws JoseException {
    String passport = fixture.passport(fixture.visa(fixture.hub, DATASET_A));
    PassportValidator small = fixture.validator("max-passport-size", "100");

    assertRefused(() -> small.validate(passport), TokenProblem.TOO_LARGE);
    assertThat(fixture.server.allRequests()).isZero();
  }

  @Test
  void theConfiguredAudienceIsRequired() throws JoseException {
    PassportValidator withAudience = fixture.validator("audience", "https://node.lega.test");
    JwtClaims forUs = fixture.passportClaims(fixture.visa(fixture.hub, DATASET_A));
    forUs.setAudience("https://node.lega.test");
    JwtClaims forOthers = fixture.passportClaims();
    forOthers.setAudience("https://elsewhere.test");

    assertThat(withAudience.validate(fixture.hub.sign(forUs)).grants(DATASET_A)).isTrue();
    assertRefused(
        () -> withAudience.validate(fixture.hub.sign(forOthers)), TokenProblem.WRONG_AUDIENCE);
    assertRefused(() -> withAudience.validate(fixture.passport()), TokenProblem.WRONG_AUDIENCE);
  }

  @Test
  void anUnusableJwksRefusesThePassport() throws JoseException {
    fixture.server.publish("/hub/jwks", "not json");
    assertRefused(() -> validator.validate(fixture.passport()), TokenProblem.KEYS_UNAVAILABLE);

    fixture.server.publish("/hub/jwks", "x".repeat(600_000)); // over the default 512 KiB
    assertRefused(() -> validator.validate(fixture.passport()), TokenProblem.KEYS_UNAVAILABLE);
  }

  @Test
  void aJwksUrlThatDoesNotAnswerRefusesThePassport() throws JoseException {
    String gone = fixture.server.url("/gone").toString();
    PassportValidator pointingElsewhere = fixture.validator("passport-issuers[0].jwks-url", gone);

    assertRefused(
        () -> pointingElsewhere.validate(fixture.hub.sign(fixture.passportClaims(), Map.of())),
        TokenProblem.KEYS_UNAVAILABLE);
    assertThat(fixture.server.requests("/gone")).isEqualTo(1);
  }

  // ---- visas: each failure ignores that visa only ----

  @Test
  void anExpiredVisaIsIgnored() throws JoseException {
    JwtClaims expired = fixture.visaClaims(fixture.hub, fixture.grant(DATASET_A));
    expired.setIssuedAt(fixture.at(-7200));
    expired.setExpirationTime(fixture.at(-60));

    assertOnlyTheFirstIgnored(validator, fixture.hub.sign(expired), TokenProblem.EXPIRED);
  }

  @Test
  void aVisaNotYetValidIsIgnored() throws JoseException {
    JwtClaims notBefore = fixture.visaClaims(fixture.hub, fixture.grant(DATASET_A));
    notBefore.setNotBefore(fixture.at(3000));
    JwtClaims issuedLater = fixture.visaClaims(fixture.hub, fixture.grant(DATASET_A));
    issuedLater.setIssuedAt(fixture.at(3000));
    Map<String, Object> assertedLater = fixture.grant(DATASET_A);
    assertedLater.put("asserted", fixture.at(3000).getValue());

    VerifiedPassport passport =
        validator.validate(
            fixture.passport(
                fixture.hub.sign(notBefore),
                fixture.hub.sign(issuedLater),
                fixture.hub.sign(fixture.visaClaims(fixture.hub, assertedLater))));

    assertThat(passport.ignored())
        .containsExactly(
            new IgnoredVisa(0, TokenProblem.NOT_YET_VALID),
            new IgnoredVisa(1, TokenProblem.NOT_YET_VALID),
            new IgnoredVisa(2, TokenProblem.NOT_YET_VALID));
    assertThat(passport.datasets()).isEmpty();
  }

  @Test
  void aWronglySignedVisaIsIgnored() throws JoseException {
    TestIssuer impostor = TestIssuer.ec(fixture.hub.issuer(), fixture.hub.jwksUrl(), "hub-1");

    assertOnlyTheFirstIgnored(
        validator, fixture.visa(impostor, DATASET_A), TokenProblem.BAD_SIGNATURE);
  }

  @Test
  void aVisaFromAnIssuerNotOnTheListIsIgnoredWithoutFetching() throws JoseException {
    assertOnlyTheFirstIgnored(
        validator, fixture.visa(fixture.rogue, DATASET_A), TokenProblem.UNTRUSTED_ISSUER);
    assertThat(fixture.rogueServer.allRequests()).isZero();
  }

  @Test
  void aVisaWhoseJkuIsNotOnTheListIsIgnoredWithoutFetching() throws JoseException {
    // claims to be the hub, names the rogue's JWKS, and is signed by the rogue's key
    String visa =
        fixture.rogue.sign(
            fixture.visaClaims(fixture.hub, fixture.grant(DATASET_A)),
            Map.of("jku", fixture.rogue.jwksUrl().toString()));
    // the elixir JWKS URL is trusted, but for elixir, not for the hub
    String crossed = fixture.elixir.sign(fixture.visaClaims(fixture.hub, fixture.grant(DATASET_B)));

    VerifiedPassport passport = validator.validate(fixture.passport(visa, crossed));

    assertIgnored(passport, 0, TokenProblem.UNTRUSTED_KEY_URL);
    assertIgnored(passport, 1, TokenProblem.UNTRUSTED_KEY_URL);
    assertThat(passport.datasets()).isEmpty();
    assertThat(fixture.rogueServer.allRequests()).isZero();
    assertThat(fixture.server.requests("/elixir/jwks")).isZero();
  }

  @Test
  void aVisaWithoutJkuIsIgnored() throws JoseException {
    String visa =
        fixture.hub.sign(fixture.visaClaims(fixture.hub, fixture.grant(DATASET_A)), Map.of());

    assertIgnored(validator.validate(fixture.passport(visa)), 0, TokenProblem.UNTRUSTED_KEY_URL);
  }

  @Test
  void aVisaForAnotherDatasetDoesNotGrantThisOne() throws JoseException {
    VerifiedPassport passport =
        validator.validate(fixture.passport(fixture.visa(fixture.hub, DATASET_B)));

    assertThat(passport.grants(DATASET_B)).isTrue();
    assertThat(passport.grants(DATASET_A)).isFalse();
    assertThat(passport.grants(DATASET_B.toLowerCase())).isFalse();
    assertThat(passport.grants("EGAD0000000000")).isFalse();
  }

  @Test
  void aVisaWithConditionsIsIgnored() throws JoseException {
    Map<String, Object> conditional = fixture.grant(DATASET_A);
    conditional.put(
        "conditions",
        List.of(List.of(Map.of("type", "AffiliationAndRole", "value", "const:faculty@uni.test"))));
    Map<String, Object> emptyConditions = fixture.grant(DATASET_B);
    emptyConditions.put("conditions", List.of());

    VerifiedPassport passport =
        validator.validate(
            fixture.passport(
                fixture.hub.sign(fixture.visaClaims(fixture.hub, conditional)),
                fixture.hub.sign(fixture.visaClaims(fixture.hub, emptyConditions))));

    assertIgnored(passport, 0, TokenProblem.CONDITIONS);
    assertThat(passport.grants(DATASET_A)).isFalse();
    assertThat(passport.grants(DATASET_B)).isTrue();
  }

  @Test
  void anOversizedVisaIsIgnored() throws JoseException {
    JwtClaims padded = fixture.visaClaims(fixture.hub, fixture.grant(DATASET_A));
    padded.setClaim("padding", "x".repeat(2000));
    PassportValidator small = fixture.validator("max-visa-size", "1500");

    assertOnlyTheFirstIgnored(small, fixture.hub.sign(padded), TokenProblem.TOO_LARGE);
  }

  @Test
  void visasBeyondTheLimitAreIgnored() throws JoseException {
    PassportValidator twoAtMost = fixture.validator("max-visas", "2");

    VerifiedPassport passport =
        twoAtMost.validate(
            fixture.passport(
                fixture.visa(fixture.hub, DATASET_A),
                fixture.visa(fixture.elixir, DATASET_B),
                fixture.visa(fixture.hub, DATASET_C)));

    assertThat(passport.datasets()).containsOnlyKeys(DATASET_A, DATASET_B);
    assertThat(passport.ignored()).containsExactly(new IgnoredVisa(2, TokenProblem.OVER_LIMIT));
  }

  @Test
  void aVisaForAnotherSubjectIsIgnored() throws JoseException {
    JwtClaims someoneElse = fixture.visaClaims(fixture.hub, fixture.grant(DATASET_A));
    someoneElse.setSubject("researcher-2");

    VerifiedPassport passport = validator.validate(fixture.passport(fixture.hub.sign(someoneElse)));

    assertIgnored(passport, 0, TokenProblem.OTHER_SUBJECT);
    assertThat(passport.datasets()).isEmpty();
  }

  @Test
  void aVisaOfAnotherTypeGrantsNothing() throws JoseException {
    Map<String, Object> status = fixture.grant("https://doi.org/10.1038/s41431-018-0219-y");
    status.put("type", "ResearcherStatus");

    VerifiedPassport passport =
        validator.validate(
            fixture.passport(fixture.hub.sign(fixture.visaClaims(fixture.hub, status))));

    assertIgnored(passport, 0, TokenProblem.UNSUPPORTED_TYPE);
    assertThat(passport.datasets()).isEmpty();
  }

  @Test
  void aGrantWithoutByValueSourceOrAssertedIsIgnored() throws JoseException {
    for (String claim : List.of("by", "value", "source", "asserted")) {
      Map<String, Object> grant = fixture.grant(DATASET_A);
      grant.remove(claim);

      VerifiedPassport passport =
          validator.validate(
              fixture.passport(fixture.hub.sign(fixture.visaClaims(fixture.hub, grant))));

      assertThat(passport.ignored())
          .as(claim)
          .containsExactly(new IgnoredVisa(0, TokenProblem.INVALID_GRANT));
    }
    Map<String, Object> longSource = fixture.grant(DATASET_A);
    longSource.put("source", "https://dac.test/" + "x".repeat(255));
    assertIgnored(
        validator.validate(
            fixture.passport(fixture.hub.sign(fixture.visaClaims(fixture.hub, longSource)))),
        0,
        TokenProblem.INVALID_GRANT);
  }

  @Test
  void aVisaWithoutTheVisaObjectOrNotAStringIsIgnored() throws JoseException {
    JwtClaims bare = fixture.visaClaims(fixture.hub, fixture.grant(DATASET_A));
    bare.unsetClaim("ga4gh_visa_v1");
    JwtClaims passportClaims = fixture.passportClaims();
    passportClaims.setClaim("ga4gh_passport_v1", List.of(fixture.hub.sign(bare), 42));

    VerifiedPassport passport = validator.validate(fixture.hub.sign(passportClaims));

    assertThat(passport.ignored())
        .containsExactly(
            new IgnoredVisa(0, TokenProblem.MISSING_CLAIM),
            new IgnoredVisa(1, TokenProblem.MALFORMED));
  }

  @Test
  void twoVisasForOneDatasetGrantItUntilTheLaterExpiry() throws JoseException {
    JwtClaims shorter = fixture.visaClaims(fixture.hub, fixture.grant(DATASET_A));
    shorter.setExpirationTime(fixture.at(600));

    VerifiedPassport passport =
        validator.validate(
            fixture.passport(fixture.hub.sign(shorter), fixture.visa(fixture.elixir, DATASET_A)));

    assertThat(passport.datasets())
        .containsOnly(Map.entry(DATASET_A, fixture.clock.instant().plusSeconds(3600)));
  }

  /**
   * A Passport holding {@code spoiled} (for dataset A) and then a valid visa for dataset B grants B
   * only, and says why the first visa was ignored.
   */
  private void assertOnlyTheFirstIgnored(
      PassportValidator validator, String spoiled, TokenProblem problem) throws JoseException {
    VerifiedPassport passport =
        validator.validate(fixture.passport(spoiled, fixture.visa(fixture.hub, DATASET_B)));

    assertThat(passport.ignored()).containsExactly(new IgnoredVisa(0, problem));
    assertThat(passport.datasets()).containsOnlyKeys(DATASET_B);
  }

  private static void assertIgnored(VerifiedPassport passport, int index, TokenProblem problem) {
    assertThat(passport.ignored()).contains(new IgnoredVisa(index, problem));
  }

  private static void assertRefused(ThrowingCallable call, TokenProblem problem) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            TokenRejectedException.class, e -> assertThat(e.problem()).isEqualTo(problem))
        .hasMessage(problem.description());
  }
}
