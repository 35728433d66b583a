package io.lega.testsupport.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.testsupport.Checks;
import io.lega.testsupport.Net;
import io.lega.testsupport.PostgresConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresTest {

  @Test
  void startsServesJdbcAndStops() throws Exception {
    PostgresConnection pg;
    Path data;
    try (EmbeddedPostgres server = EmbeddedPostgres.start()) {
      pg = server.connection();
      data = server.dataDirectory();
      assertThat(pg.database()).isEqualTo("lega");
      assertThat(pg.username()).isEqualTo("postgres");
      assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();
      assertThat(Checks.jdbcRoundTrip(pg)).isEqualTo(17);

      PostgresConnection other = server.createDatabase("other_db");
      assertThat(other.port()).isEqualTo(pg.port());
      Checks.jdbcRoundTrip(other);
      assertThat(server.createDatabase("other_db")).isEqualTo(other);
    }
    assertThat(Net.isListening(pg.host(), pg.port())).isFalse();
    assertThat(data).doesNotExist();
  }

  @Test
  void keepsAGivenDataDirectory(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("pg");
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().dataDirectory(data).start()) {
      PostgresConnection pg = server.connection();
      try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password())) {
        c.createStatement().execute("CREATE TABLE kept (v int); INSERT INTO kept VALUES (42)");
      }
    }
    assertThat(data.resolve("PG_VERSION")).exists();
    try (EmbeddedPostgres server = EmbeddedPostgres.builder().dataDirectory(data).start()) {
      PostgresConnection pg = server.connection();
      try (var c = DriverManager.getConnection(pg.jdbcUrl(), pg.username(), pg.password());
          ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
  }
}
