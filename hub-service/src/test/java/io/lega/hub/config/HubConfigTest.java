package io.lega.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration mapping alone: defaults, fall-backs, and what stops the hub at start. */
class HubConfigTest {

  private static final String ADMIN = "an-admin-token-of-some-length";
  private static final String SERVICE = "a-service-token-of-some-length";

  private static HubConfig load(Map<String, String> properties) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .addDefaultInterceptors()
            .withMapping(HubConfig.class)
            .withSources(new PropertiesConfigSource(properties, "test", 100))
            .build();
    return config.getConfigMapping(HubConfig.class);
  }

  private static Map<String, String> tokens() {
    Map<String, String> properties = new HashMap<>();
    properties.put("lega.hub.admin-token", ADMIN);
    properties.put("lega.hub.service-token", SERVICE);
    return properties;
  }

  @Test
  void everyKeyButTheTokensHasADefault() {
    HubConfig config = load(tokens());

    assertThat(config.ingestOnUpload()).isFalse();
    assertThat(config.users().bcryptCost()).isEqualTo(12);
    assertThat(config.users().minPasswordLength()).isEqualTo(10);
    assertThat(config.users().minRsaBits()).isEqualTo(2048);
    assertThat(config.users().maxSshKeys()).isEqualTo(20);
    assertThat(config.api().defaultPageSize()).isEqualTo(50);
    assertThat(config.api().maxPageSize()).isEqualTo(500);
    HubConfig.Broker broker = config.broker();
    assertThat(broker.enabled()).isTrue();
    assertThat(broker.host()).isEqualTo("localhost");
    assertThat(broker.port()).isEqualTo(5672);
    assertThat(broker.username()).isEqualTo("guest");
    assertThat(broker.virtualHost()).isEqualTo("/");
    assertThat(broker.prefetch()).isEqualTo(10);
    assertThat(broker.maxAttempts()).isEqualTo(5);
    assertThat(broker.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(broker.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
    assertThat(broker.nodes()).containsExactly("node1");
    assertThat(broker.topologySide()).isEqualTo(HubConfig.TopologySide.HUB);
    assertThat(HubConfigCheck.problems(config)).isEmpty();
  }

  @Test
  void brokerKeysFallBackToTheSharedOnes() {
    Map<String, String> properties = tokens();
    properties.put("lega.broker.host", "broker.example.org");
    properties.put("lega.broker.port", "5671");
    properties.put("lega.broker.virtual-host", "lega");
    properties.put("lega.hub.broker.port", "5999");

    HubConfig.Broker broker = load(properties).broker();

    assertThat(broker.host()).isEqualTo("broker.example.org");
    assertThat(broker.virtualHost()).isEqualTo("lega");
    assertThat(broker.port()).isEqualTo(5999);
  }

  @Test
  void theHubDoesNotStartWithoutItsTokens() {
    Map<String, String> properties = tokens();
    properties.remove("lega.hub.service-token");

    assertThatThrownBy(() -> load(properties))
        .hasMessageContaining("lega.hub.service-token")
        .hasMessageNotContaining(ADMIN);
  }

  @Test
  void weakOrEqualTokensAndBadNumbersAreNamed() {
    Map<String, String> properties = tokens();
    properties.put("lega.hub.admin-token", "short");
    properties.put("lega.hub.users.bcrypt-cost", "3");
    properties.put("lega.hub.api.default-page-size", "1000");
    assertThat(HubConfigCheck.problems(load(properties)))
        .anyMatch(p -> p.startsWith("lega.hub.admin-token must have at least"))
        .anyMatch(p -> p.startsWith("lega.hub.users.bcrypt-cost"))
        .anyMatch(p -> p.startsWith("lega.hub.api.default-page-size"))
        .noneMatch(p -> p.contains("short"));

    Map<String, String> same = tokens();
    same.put("lega.hub.service-token", ADMIN);
    assertThat(HubConfigCheck.problems(load(same)))
        .isEqualTo(List.of("lega.hub.admin-token and lega.hub.service-token must differ"));
  }
}
