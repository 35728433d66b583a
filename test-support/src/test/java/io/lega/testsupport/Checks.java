package io.lega.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.Delivery;
import io.minio.MinioClient;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the tests do with each backend through its real client. */
public final class Checks {

  private Checks() {}

  /** JDBC: DDL, insert, select; returns the server's major version. */
  public static int jdbcRoundTrip(PostgresConnection pg) throws Exception {
    String table = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + table + " (id bigserial PRIMARY KEY, name text NOT NULL)");
      try (var ps = c.prepareStatement("INSERT INTO " + table + " (name) VALUES (?)")) {
        ps.setString(1, "sample-1");
        ps.executeUpdate();
      }
      try (ResultSet rs =
          s.executeQuery("SELECT name, current_database(), current_user FROM " + table)) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("sample-1");
        assertThat(rs.getString(2)).isEqualTo(pg.database());
        assertThat(rs.getString(3)).isEqualTo(pg.username());
      }
      s.execute("DROP TABLE " + table);
      try (ResultSet rs = s.executeQuery("SHOW server_version_num")) {
        rs.next();
        return Integer.parseInt(rs.getString(1)) / 10000;
      }
    }
  }

  /** AMQP 0-9-1: declare, publish with publisher confirms, consume, ack, clean up. */
  public static void amqpRoundTrip(AmqpConnection amqp) throws Exception {
    ConnectionFactory factory = amqp.connectionFactory();
    String suffix = UUID.randomUUID().toString();
    String exchange = "lega.test.x." + suffix;
    String queue = "lega.test.q." + suffix;
    try (Connection connection = factory.newConnection("lega-test-support");
        Channel channel = connection.createChannel()) {
      channel.exchangeDeclare(exchange, BuiltinExchangeType.TOPIC, true, false, Map.of());
      channel.queueDeclare(queue, true, false, false, Map.of());
      channel.queueBind(queue, exchange, "files.#");

      channel.confirmSelect();
      byte[] body = "{\"file\":\"a.c4gh\"}".getBytes(StandardCharsets.UTF_8);
      AMQP.BasicProperties props =
          new AMQP.BasicProperties.Builder()
              .contentType("application/json")
              .deliveryMode(2)
              .correlationId(suffix)
              .headers(Map.of("attempt", 1))
              .build();
      channel.basicPublish(exchange, "files.ingest", true, props, body);
      channel.waitForConfirmsOrDie(10_000);

      BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
      String tag = channel.basicConsume(queue, false, (t, d) -> received.add(d), t -> {});
      Delivery delivery = received.poll(10, TimeUnit.SECONDS);
      assertThat(delivery).as("a delivery").isNotNull();
      assertThat(delivery.getBody()).isEqualTo(body);
      assertThat(delivery.getProperties().getCorrelationId()).isEqualTo(suffix);
      assertThat(delivery.getProperties().getContentType()).isEqualTo("application/json");
      assertThat(delivery.getProperties().getHeaders()).containsKey("attempt");
      assertThat(delivery.getEnvelope().getRoutingKey()).isEqualTo("files.ingest");
      channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
      channel.basicCancel(tag);

      assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isZero();
      channel.queueDelete(queue);
      channel.exchangeDelete(exchange);
    }
  }

  /** A MinIO client for an S3 connection. */
  public static MinioClient minio(S3Connection s3) {
    return MinioClient.builder()
        .endpoint(s3.endpoint().toString())
        .credentials(s3.accessKey(), s3.secretKey())
        .region(s3.region())
        .build();
  }
}
