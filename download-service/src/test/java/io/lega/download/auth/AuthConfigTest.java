package io.lega.download.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.download.config.DownloadConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code lega.download.auth} settings: defaults, issuer lists, and what is refused at start.
 */
class AuthConfigTest {

  @Test
  void everyKeyHasADefaultAndNothingIsTrustedByDefault() {
    DownloadConfig.Auth auth = PassportFixture.config(Map.of()).auth();

    assertThat(auth.passportIssuers()).isEmpty();
    assertThat(auth.visaIssuers()).isEmpty();
    assertThat(auth.jwksCacheLifetime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(auth.jwksMaxSize()).isEqualTo(512 * 1024);
    assertThat(auth.jwksFetchTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(auth.allowHttpJwks()).isFalse();
    assertThat(auth.maxVisas()).isEqualTo(100);
    assertThat(auth.maxVisaSize()).isEqualTo(16384);
    assertThat(auth.maxPassportSize()).isEqualTo(262144);
    assertThat(auth.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(auth.audience()).isEmpty();
  }

  @Test
  void withTheDefaultsEveryPassportIsRefused() throws Exception {
    try (PassportFixture fixture = new PassportFixture()) {
      PassportValidator validator =
          new PassportValidator(PassportFixture.config(Map.of()).auth(), Clock.systemUTC());

      assertThatThrownBy(() -> validator.validate(fixture.passport()))
          .isInstanceOfSatisfying(
              TokenRejectedException.class,
              e -> assertThat(e.problem()).isEqualTo(TokenProblem.UNTRUSTED_ISSUER));
    }
  }

  @Test
  void issuerListsAreIndexed() {
    DownloadConfig.Auth auth =
        PassportFixture.config(
                Map.of(
                    "lega.download.auth.visa-issuers[0].issuer", "https://a.test",
                    "lega.download.auth.visa-issuers[0].jwks-url", "https://a.test/jwks",
                    "lega.download.auth.visa-issuers[1].issuer", "https://b.test",
                    "lega.download.auth.visa-issuers[1].jwks-url", "https://keys.b.test/jwks"))
            .auth();

    assertThat(auth.visaIssuers())
        .extracting(DownloadConfig.TrustedIssuer::issuer, DownloadConfig.TrustedIssuer::jwksUrl)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "https://a.test", URI.create("https://a.test/jwks")),
            org.assertj.core.groups.Tuple.tuple(
                "https://b.test", URI.create("https://keys.b.test/jwks")));
  }

  @Test
  void plainHttpJwksUrlsAreRefusedUnlessAllowed() {
    Map<String, String> http =
        Map.of(
            "lega.download.auth.passport-issuers[0].issuer", "https://hub.test",
            "lega.download.auth.passport-issuers[0].jwks-url", "http://hub.test/jwks");

    assertThatThrownBy(
            () -> new PassportValidator(PassportFixture.config(http).auth(), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://hub.test/jwks");
    Map<String, String> allowed = new java.util.HashMap<>(http);
    allowed.put("lega.download.auth.allow-http-jwks", "true");
    assertThat(new PassportValidator(PassportFixture.config(allowed).auth(), Clock.systemUTC()))
        .isNotNull();
  }

  @Test
  void aRelativeJwksUrlIsRefused() {
    Map<String, String> relative =
        Map.of(
            "lega.download.auth.visa-issuers[0].issuer", "https://hub.test",
            "lega.download.auth.visa-issuers[0].jwks-url", "/jwks",
            "lega.download.auth.allow-http-jwks", "true");

    assertThatThrownBy(
            () -> new PassportValidator(PassportFixture.config(relative).auth(), Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
