package io.lega.download.auth;

import static io.lega.download.auth.PassportFixture.DATASET_A;
import static io.lega.download.auth.PassportFixture.DATASET_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Fetched keys are used for the configured lifetime, then fetched again. */
class JwksCacheTest {

  private PassportFixture fixture;

  @BeforeEach
  void start() throws Exception {
    fixture = new PassportFixture();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void keysAreFetchedOncePerLifetime() throws Exception {
    PassportValidator validator = fixture.validator("jwks-cache-lifetime", "PT1M");
    String bearer =
        fixture.bearer(
            fixture.visa(fixture.hub, DATASET_A), fixture.visa(fixture.elixir, DATASET_B));

    assertThat(validator.validateAuthorization(bearer).datasets()).hasSize(2);
    // the hub's JWKS serves both its Passport and its visa: one fetch
    assertThat(fixture.server.requests("/hub/jwks")).isEqualTo(1);
    assertThat(fixture.server.requests("/elixir/jwks")).isEqualTo(1);

    fixture.clock.advance(Duration.ofSeconds(59));
    assertThat(validator.validateAuthorization(bearer).datasets()).hasSize(2);
    assertThat(fixture.server.requests("/hub/jwks")).isEqualTo(1);
    assertThat(fixture.server.requests("/elixir/jwks")).isEqualTo(1);

    fixture.clock.advance(Duration.ofSeconds(1));
    assertThat(validator.validateAuthorization(bearer).datasets()).hasSize(2);
    assertThat(fixture.server.requests("/hub/jwks")).isEqualTo(2);
    assertThat(fixture.server.requests("/elixir/jwks")).isEqualTo(2);
  }

  @Test
  void aRotatedKeyIsUsedOnceTheCachedSetHasExpired() throws Exception {
    PassportValidator validator = fixture.validator("jwks-cache-lifetime", "PT1M");
    assertThat(validator.validate(fixture.passport()).user().subject())
        .isEqualTo(PassportFixture.SUBJECT);
    TestIssuer rotated = TestIssuer.ec(fixture.hub.issuer(), fixture.hub.jwksUrl(), "hub-2");
    fixture.server.publish("/hub/jwks", rotated.publicJwks());
    String signedWithNewKey = rotated.sign(fixture.passportClaims());

    fixture.clock.advance(Duration.ofSeconds(30));
    TokenRejectedException stale =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            TokenRejectedException.class, () -> validator.validate(signedWithNewKey));
    assertThat(stale.problem()).isEqualTo(TokenProblem.BAD_SIGNATURE);

    fixture.clock.advance(Duration.ofSeconds(30));
    assertThat(validator.validate(signedWithNewKey).user().subject())
        .isEqualTo(PassportFixture.SUBJECT);
    assertThat(fixture.server.requests("/hub/jwks")).isEqualTo(2);
  }

  @Test
  void aFailedFetchIsNotCached() throws Exception {
    PassportValidator validator = fixture.validator();
    String hubJwks = fixture.hub.publicJwks();
    fixture.server.publish("/hub/jwks", "{");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> validator.validate(fixture.passport()))
        .isInstanceOf(TokenRejectedException.class);

    fixture.server.publish("/hub/jwks", hubJwks);
    assertThat(validator.validate(fixture.passport()).user().subject())
        .isEqualTo(PassportFixture.SUBJECT);
    assertThat(fixture.server.requests("/hub/jwks")).isEqualTo(2);
  }
}
