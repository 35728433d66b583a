package io.lega.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code lega.hub.passport.*} keys: defaults, the JWKS URL following the issuer, refusals. */
class PassportConfigTest {

  private static HubConfig config(Map<String, String> passport) {
    Map<String, String> properties = new HashMap<>(passport);
    properties.put("lega.hub.admin-token", "an-admin-token-of-some-length");
    properties.put("lega.hub.service-token", "a-service-token-of-some-length");
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withMapping(HubConfig.class)
        .withSources(new PropertiesConfigSource(properties, "test", 100))
        .build()
        .getConfigMapping(HubConfig.class);
  }

  @Test
  void everyKeyHasADefault() {
    HubConfig.Passport passport = config(Map.of()).passport();

    assertThat(passport.issuer()).isEqualTo("http://localhost:8080");
    assertThat(passport.jwksUrl()).isEqualTo("http://localhost:8080/.well-known/jwks.json");
    assertThat(passport.lifetime()).isEqualTo(Duration.ofHours(1));
    assertThat(passport.signingKeyFile()).isEqualTo(Path.of("hub-signing-key.jwk"));
    assertThat(HubConfigCheck.problems(config(Map.of()))).isEmpty();
  }

  @Test
  void theJwksUrlFollowsTheIssuer() {
    HubConfig config = config(Map.of("lega.hub.passport.issuer", "https://hub.example.org"));

    assertThat(config.passport().jwksUrl())
        .isEqualTo("https://hub.example.org/.well-known/jwks.json");
    assertThat(HubConfigCheck.problems(config)).isEmpty();
  }

  @Test
  void aLifetimeBelowASecondAndUrlsThatAreNoneAreNamed() {
    HubConfig config =
        config(
            Map.of(
                "lega.hub.passport.lifetime", "PT0.5S",
                "lega.hub.passport.issuer", "https://hub.example.org/",
                "lega.hub.passport.jwks-url", "hub.example.org/jwks"));

    assertThat(HubConfigCheck.problems(config))
        .containsExactly(
            "lega.hub.passport.lifetime must be at least one second",
            "lega.hub.passport.issuer must be an http(s) URL without a trailing slash",
            "lega.hub.passport.jwks-url must be an http(s) URL without a trailing slash");
  }
}
