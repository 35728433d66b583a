package io.lega.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.testsupport.Infrastructure.Mode;
import io.lega.testsupport.real.RealRabbitMq;
import io.minio.BucketExistsArgs;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The backends of the current mode ({@code LEGA_TEST_INFRA}), through their real clients. */
class InfrastructureTest {

  @Test
  void postgresOfTheCurrentMode() throws Exception {
    PostgresConnection pg;
    try (Backend<PostgresConnection> backend = Infrastructure.startPostgres()) {
      pg = backend.connection();
      int major = Checks.jdbcRoundTrip(pg);
      if (Infrastructure.mode() == Mode.REAL) {
        assertThat(pg.database()).startsWith("lega_test_");
        assertThat(pg.port()).isEqualTo(Settings.getInt("LEGA_TEST_PG_PORT", 5432));
      } else {
        assertThat(major).isEqualTo(17);
      }
    }
    if (Infrastructure.mode() == Mode.REAL) {
      // the fresh database is gone
      PostgresConnection admin = pg.withDatabase("postgres");
      try (var c =
              DriverManager.getConnection(admin.jdbcUrl(), admin.username(), admin.password());
          var ps = c.prepareStatement("SELECT count(*) FROM pg_database WHERE datname = ?")) {
        ps.setString(1, pg.database());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getInt(1)).isZero();
        }
      }
    } else {
      assertThat(Net.isListening(pg.host(), pg.port())).isFalse();
    }
  }

  @Test
  void brokerOfTheCurrentMode() throws Exception {
    try (Backend<AmqpConnection> backend = Infrastructure.startBroker()) {
      AmqpConnection amqp = backend.connection();
      if (Infrastructure.mode() == Mode.REAL) {
        assertThat(backend).isInstanceOf(RealRabbitMq.class);
        assertThat(amqp.port()).isEqualTo(Settings.getInt("LEGA_TEST_AMQP_PORT", 5672));
        if (((RealRabbitMq) backend).hasOwnVirtualHost()) {
          assertThat(amqp.virtualHost()).startsWith("lega_test_");
        } else {
          assertThat(amqp.virtualHost()).isEqualTo("/");
        }
      }
      Checks.amqpRoundTrip(amqp);
    }
  }

  @Test
  void s3IsEmbeddedInEveryMode() throws Exception {
    try (Backend<S3Connection> s3 = Infrastructure.startS3()) {
      assertThat(S3Buckets.create(s3.connection(), "lega")).isTrue();
      assertThat(
              Checks.minio(s3.connection())
                  .bucketExists(BucketExistsArgs.builder().bucket("lega").build()))
          .isTrue();
    }
  }

  @Test
  void aFreshBucketConfigNamesANewBucketOfTheSharedS3() throws Exception {
    Map<String, String> archive = S3Buckets.freshBucketConfig("lega.archive");
    Map<String, String> again = S3Buckets.freshBucketConfig("lega.archive");

    S3Connection s3 = Infrastructure.sharedS3();
    String bucket = archive.get("lega.archive.s3.bucket");
    assertThat(bucket)
        .matches("archive-[0-9a-f]{8}")
        .isNotEqualTo(again.get("lega.archive.s3.bucket"));
    assertThat(archive).isEqualTo(ConfigKeys.s3Storage("lega.archive", s3, bucket));
    assertThat(archive)
        .containsEntry("lega.archive.type", "s3")
        .containsEntry("lega.archive.s3.endpoint", s3.endpoint().toString())
        .containsKeys("lega.archive.s3.access-key", "lega.archive.s3.secret-key")
        .containsKey("lega.archive.s3.region")
        .hasSize(6);
    assertThat(Checks.minio(s3).bucketExists(BucketExistsArgs.builder().bucket(bucket).build()))
        .isTrue();
  }

  @Test
  void sharedBackendsAreOnePerJvm() {
    assertThat(Infrastructure.sharedS3()).isEqualTo(Infrastructure.sharedS3());
  }
}
