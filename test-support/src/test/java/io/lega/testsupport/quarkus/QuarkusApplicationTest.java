package io.lega.testsupport.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.testsupport.AmqpConnection;
import io.lega.testsupport.Checks;
import io.lega.testsupport.S3Connection;
import io.minio.BucketExistsArgs;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A real Quarkus application (ArC + Agroal) configured by the three resources. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
@QuarkusTestResource(S3Resource.class)
class QuarkusApplicationTest {

  @Inject DataSource dataSource;

  @ConfigProperty(name = "lega.broker.host")
  String brokerHost;

  @ConfigProperty(name = "lega.broker.port")
  int brokerPort;

  @ConfigProperty(name = "lega.broker.username")
  String brokerUser;

  @ConfigProperty(name = "lega.broker.password")
  String brokerPassword;

  @ConfigProperty(name = "lega.broker.virtual-host")
  String brokerVirtualHost;

  @ConfigProperty(name = "lega.storage.s3.endpoint")
  URI s3Endpoint;

  @ConfigProperty(name = "lega.storage.s3.access-key")
  String s3AccessKey;

  @ConfigProperty(name = "lega.storage.s3.secret-key")
  String s3SecretKey;

  @ConfigProperty(name = "lega.storage.s3.region")
  String s3Region;

  @ConfigProperty(name = "lega.storage.s3.bucket")
  String s3Bucket;

  @Test
  void datasourceReachesPostgres() throws Exception {
    try (Connection c = dataSource.getConnection();
        ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isNotBlank();
    }
  }

  @Test
  void brokerKeysReachTheBroker() throws Exception {
    Checks.amqpRoundTrip(
        new AmqpConnection(brokerHost, brokerPort, brokerUser, brokerPassword, brokerVirtualHost));
  }

  @Test
  void s3KeysReachTheBucket() throws Exception {
    var s3 = new S3Connection(s3Endpoint, s3AccessKey, s3SecretKey, s3Region);
    assertThat(Checks.minio(s3).bucketExists(BucketExistsArgs.builder().bucket(s3Bucket).build()))
        .isTrue();
  }
}
