package io.lega.testsupport.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.Checks;
import io.lega.testsupport.ConfigKeys;
import io.lega.testsupport.Net;
import io.minio.BucketExistsArgs;
import java.net.URI;
import java.sql.DriverManager;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lifecycle managers, driven by hand as Quarkus would. */
class ResourcesTest {

  @Test
  void postgresResourceGivesDatasourceKeysAndIsShared() throws Exception {
    PostgresResource first = new PostgresResource();
    first.init(Map.of());
    Map<String, String> config = first.start();
    assertThat(config)
        .containsOnlyKeys(
            ConfigKeys.DATASOURCE_JDBC_URL,
            ConfigKeys.DATASOURCE_REACTIVE_URL,
            ConfigKeys.DATASOURCE_USERNAME,
            ConfigKeys.DATASOURCE_PASSWORD);
    assertThat(config.get(ConfigKeys.DATASOURCE_REACTIVE_URL)).startsWith("postgresql://");
    try (var c =
        DriverManager.getConnection(
            config.get(ConfigKeys.DATASOURCE_JDBC_URL),
            config.get(ConfigKeys.DATASOURCE_USERNAME),
            config.get(ConfigKeys.DATASOURCE_PASSWORD))) {
      assertThat(c.isValid(5)).isTrue();
    }
    first.stop();

    PostgresResource second = new PostgresResource();
    second.init(Map.of());
    assertThat(second.start()).isEqualTo(config);
    second.stop();
  }

  @Test
  void brokerResourceGivesBrokerKeys() throws Exception {
    AmqpBrokerResource resource = new AmqpBrokerResource();
    resource.init(Map.of());
    Map<String, String> config = resource.start();
    try {
      Checks.amqpRoundTrip(
          new AmqpConnection(
              config.get(ConfigKeys.BROKER_HOST),
              Integer.parseInt(config.get(ConfigKeys.BROKER_PORT)),
              config.get(ConfigKeys.BROKER_USERNAME),
              config.get(ConfigKeys.BROKER_PASSWORD),
              config.get(ConfigKeys.BROKER_VIRTUAL_HOST)));
    } finally {
      resource.stop();
    }
  }

  @Test
  void unsharedS3ResourceMakesTheBucketAndStops() throws Exception {
    S3Resource resource = new S3Resource();
    resource.init(Map.of("shared", "false", "bucket", "lega-outbox"));
    Map<String, String> config = resource.start();
    URI endpoint = URI.create(config.get(ConfigKeys.S3_ENDPOINT));
    try {
      assertThat(config.get(ConfigKeys.S3_BUCKET)).isEqualTo("lega-outbox");
      var s3 =
          new io.lega.testsupport.S3Connection(
              endpoint,
              config.get(ConfigKeys.S3_ACCESS_KEY),
              config.get(ConfigKeys.S3_SECRET_KEY),
              config.get(ConfigKeys.S3_REGION));
      assertThat(
              Checks.minio(s3)
                  .bucketExists(BucketExistsArgs.builder().bucket("lega-outbox").build()))
          .isTrue();
    } finally {
      resource.stop();
    }
    assertThat(Net.isListening(endpoint.getHost(), endpoint.getPort())).isFalse();
  }

  @Test
  void unsharedPostgresResourceIsItsOwn() throws Exception {
    PostgresResource shared = new PostgresResource();
    shared.init(Map.of());
    String sharedUrl = shared.start().get(ConfigKeys.DATASOURCE_JDBC_URL);

    PostgresResource own = new PostgresResource();
    own.init(Map.of("shared", "false"));
    Map<String, String> config = own.start();
    assertThat(config.get(ConfigKeys.DATASOURCE_JDBC_URL)).isNotEqualTo(sharedUrl);
    try (var c =
        DriverManager.getConnection(
            config.get(ConfigKeys.DATASOURCE_JDBC_URL),
            config.get(ConfigKeys.DATASOURCE_USERNAME),
            config.get(ConfigKeys.DATASOURCE_PASSWORD))) {
      assertThat(c.isValid(5)).isTrue();
    }
    own.stop();
    shared.stop();
  }
}
