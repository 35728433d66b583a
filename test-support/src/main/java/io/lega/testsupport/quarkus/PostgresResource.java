package io.lega.testsupport.quarkus;

import io.lega.testsupport.Backend;
import io.lega.testsupport.ConfigKeys;
import io.lega.testsupport.Infrastructure;
import io.lega.testsupport.PostgresConnection;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A PostgreSQL database for a {@code @QuarkusTest}: embedded, or a fresh database on the real
 * server, as {@code LEGA_TEST_INFRA} says.
 *
 * <p>Returns {@code quarkus.datasource.jdbc.url}, {@code quarkus.datasource.reactive.url}, {@code
 * quarkus.datasource.username} and {@code quarkus.datasource.password}.
 *
 * <p>Init argument {@code shared} (default {@code true}): one database per JVM, kept across test
 * classes and profiles and stopped when the JVM exits; {@code false}: a database of its own, from
 * start to stop of this Quarkus application.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

  private boolean shared = true;
  private Backend<PostgresConnection> own;

  @Override
  public void init(Map<String, String> initArgs) {
    shared = Resources.shared(initArgs);
  }

  @Override
  public Map<String, String> start() {
    PostgresConnection pg;
    if (shared) {
      pg = Infrastructure.sharedPostgres();
    } else {
      own = Infrastructure.startPostgres();
      pg = own.connection();
    }
    return ConfigKeys.postgres(pg);
  }

  @Override
  public void stop() {
    if (own != null) {
      own.close();
      own = null;
    }
  }
}
