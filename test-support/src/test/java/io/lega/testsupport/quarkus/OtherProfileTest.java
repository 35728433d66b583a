package io.lega.testsupport.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Another test profile, so Quarkus starts a second application: the shared backends are the ones
 * the first application got (same ports), not new ones.
 */
@QuarkusTest
@TestProfile(OtherProfileTest.Other.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(S3Resource.class)
class OtherProfileTest {

  /** A profile that changes one property, which is enough to force a restart. */
  public static class Other implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("lega.test.profile", "other");
    }
  }

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @ConfigProperty(name = "lega.storage.s3.endpoint")
  String s3Endpoint;

  @ConfigProperty(name = "lega.test.profile")
  String profile;

  @Test
  void sharedBackendsAreReused() {
    assertThat(profile).isEqualTo("other");
    String pgPort = System.getProperty("lega-test.shared.postgres.port");
    String s3 = System.getProperty("lega-test.shared.s3.endpoint");
    assertThat(pgPort).isNotNull();
    assertThat(jdbcUrl).contains(":" + pgPort + "/");
    assertThat(s3Endpoint).isEqualTo(s3);
  }
}
