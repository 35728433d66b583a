package io.lega.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.testsupport.real.RealPostgresUrls;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void systemPropertyNamesFollowTheVariables() {
    assertThat(Settings.propertyName("LEGA_TEST_PG_HOST")).isEqualTo("lega-test.pg.host");
    System.setProperty("lega-test.settings.probe", "42");
    try {
      assertThat(Settings.getInt("LEGA_TEST_SETTINGS_PROBE", 0)).isEqualTo(42);
      assertThat(Settings.get("LEGA_TEST_SETTINGS_ABSENT", "x")).isEqualTo("x");
    } finally {
      System.clearProperty("lega-test.settings.probe");
    }
  }

  @Test
  void connectionRecordsGiveUrls() {
    var pg = new PostgresConnection("localhost", 5433, "lega", "postgres", "");
    assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5433/lega");
    assertThat(pg.reactiveUrl()).isEqualTo("postgresql://localhost:5433/lega");
    var amqp = new AmqpConnection("127.0.0.1", 5672, "guest", "guest", "lega_test_1");
    assertThat(amqp.uri()).isEqualTo("amqp://guest:guest@127.0.0.1:5672/lega_test_1");
  }

  @Test
  void pgUrlOverrideIsParsed() {
    var pg =
        RealPostgresUrls.parse("jdbc:postgresql://db.example:6543/archive?ssl=false", "u", "p");
    assertThat(pg).isEqualTo(new PostgresConnection("db.example", 6543, "archive", "u", "p"));
    assertThat(RealPostgresUrls.parse("jdbc:postgresql://h/d", "u", "").port()).isEqualTo(5432);
    assertThatThrownBy(() -> RealPostgresUrls.parse("postgresql://h/d", "u", ""))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
