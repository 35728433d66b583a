package io.lega.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The configuration keys LEGA services read to reach their backends, and the values for a given
 * backend. The Quarkus test resources return these maps; a local node can write them out.
 */
public final class ConfigKeys {

  /** JDBC URL of the service's database. */
  public static final String DATASOURCE_JDBC_URL = "quarkus.datasource.jdbc.url";

  /** Reactive (Vert.x) URL of the service's database. */
  public static final String DATASOURCE_REACTIVE_URL = "quarkus.datasource.reactive.url";

  /** Database user. */
  public static final String DATASOURCE_USERNAME = "quarkus.datasource.username";

  /** Database password (empty when the server trusts local connections). */
  public static final String DATASOURCE_PASSWORD = "quarkus.datasource.password";

  /** AMQP 0-9-1 broker host. */
  public static final String BROKER_HOST = "lega.broker.host";

  /** AMQP 0-9-1 broker port. */
  public static final String BROKER_PORT = "lega.broker.port";

  /** AMQP user. */
  public static final String BROKER_USERNAME = "lega.broker.username";

  /** AMQP password. */
  public static final String BROKER_PASSWORD = "lega.broker.password";

  /** AMQP virtual host ({@code /} is the default one). */
  public static final String BROKER_VIRTUAL_HOST = "lega.broker.virtual-host";

  /** S3 endpoint URL, path-style. */
  public static final String S3_ENDPOINT = "lega.storage.s3.endpoint";

  /** S3 access key id. */
  public static final String S3_ACCESS_KEY = "lega.storage.s3.access-key";

  /** S3 secret key. */
  public static final String S3_SECRET_KEY = "lega.storage.s3.secret-key";

  /** S3 region to sign for. */
  public static final String S3_REGION = "lega.storage.s3.region";

  /** The bucket the service stores into. */
  public static final String S3_BUCKET = "lega.storage.s3.bucket";

  private ConfigKeys() {}

  /** The datasource keys for a database. */
  public static Map<String, String> postgres(PostgresConnection pg) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(DATASOURCE_JDBC_URL, pg.jdbcUrl());
    m.put(DATASOURCE_REACTIVE_URL, pg.reactiveUrl());
    m.put(DATASOURCE_USERNAME, pg.username());
    m.put(DATASOURCE_PASSWORD, pg.password());
    return m;
  }

  /** The broker keys for an AMQP broker. */
  public static Map<String, String> broker(AmqpConnection amqp) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(BROKER_HOST, amqp.host());
    m.put(BROKER_PORT, Integer.toString(amqp.port()));
    m.put(BROKER_USERNAME, amqp.username());
    m.put(BROKER_PASSWORD, amqp.password());
    m.put(BROKER_VIRTUAL_HOST, amqp.virtualHost());
    return m;
  }

  /** The storage keys for an S3 API and a bucket. */
  public static Map<String, String> s3(S3Connection s3, String bucket) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(S3_ENDPOINT, s3.endpoint().toString());
    m.put(S3_ACCESS_KEY, s3.accessKey());
    m.put(S3_SECRET_KEY, s3.secretKey());
    m.put(S3_REGION, s3.region());
    m.put(S3_BUCKET, bucket);
    return m;
  }

  /**
   * The keys of a storage group of a node service (such as {@code lega.archive} or {@code
   * lega.backup}) set to an S3 API and a bucket: {@code <prefix>.type=s3}, {@code
   * <prefix>.s3.endpoint}, {@code .access-key}, {@code .secret-key}, {@code .region} and {@code
   * .bucket}.
   *
   * @param prefix the group's key prefix, without a trailing dot
   */
  public static Map<String, String> s3Storage(String prefix, S3Connection s3, String bucket) {
    String keys = prefix + ".s3.";
    Map<String, String> m = new LinkedHashMap<>();
    m.put(prefix + ".type", "s3");
    m.put(keys + "endpoint", s3.endpoint().toString());
    m.put(keys + "access-key", s3.accessKey());
    m.put(keys + "secret-key", s3.secretKey());
    m.put(keys + "region", s3.region());
    m.put(keys + "bucket", bucket);
    return m;
  }
}
