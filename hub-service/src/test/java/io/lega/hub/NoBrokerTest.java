package io.lega.hub;

import static io.lega.hub.testing.Http.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.lega.hub.testing.Http;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * When a node's message cannot be sent (here: {@code lega.hub.broker.enabled=false}), the request
 * answers 503 and changes nothing: the state change is rolled back with the failed publish.
 */
@QuarkusTest
@TestProfile(NoBrokerTest.BrokerOff.class)
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
class NoBrokerTest {

  /** No broker connection. */
  public static class BrokerOff implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("lega.hub.broker.enabled", "false");
    }
  }

  @TestHTTPResource("/")
  URI base;

  @Inject AgroalDataSource database;

  private UUID insert(String state, String accessionId) throws Exception {
    UUID id = UUID.randomUUID();
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "INSERT INTO submissions (id, username, filepath, state, accession_id)"
                    + " VALUES (?, 'nobroker', ?, ?, ?)")) {
      statement.setObject(1, id);
      statement.setString(2, "nobroker/" + id + ".c4gh");
      statement.setString(3, state);
      statement.setString(4, accessionId);
      statement.executeUpdate();
    }
    return id;
  }

  private long datasets() throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM datasets");
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aTriggerThatCannotBeSentChangesNothing() throws Exception {
    Http http = new Http(base);
    UUID id = insert("uploaded", null);

    Http.Answer answer = http.post("/api/submissions/" + id + "/ingest", ADMIN, null);

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.error())
        .contains("the ingest message for node")
        .contains("lega.hub.broker.enabled=false")
        .endsWith("nothing was changed, try again");
    assertThat(http.get("/api/submissions/" + id, ADMIN).json().get("state").asText())
        .isEqualTo("uploaded");
    UUID archived = insert("archived", null);
    assertThat(http.post("/api/submissions/" + archived + "/cancel", ADMIN, null).status())
        .isEqualTo(503);
    assertThat(http.get("/api/submissions/" + archived, ADMIN).json().get("state").asText())
        .isEqualTo("archived");
  }

  @Test
  void aDatasetThatCannotBeMappedIsNotCreated() throws Exception {
    Http http = new Http(base);
    String accessionId =
        "EGAF8" + String.format("%010d", ThreadLocalRandom.current().nextLong(10_000_000_000L));
    insert("archived", accessionId);
    long before = datasets();

    Http.Answer answer =
        http.post("/api/datasets", ADMIN, Map.of("accession_ids", List.of(accessionId)));

    assertThat(answer.status()).isEqualTo(503);
    assertThat(answer.error()).contains("the mapping message for node");
    assertThat(datasets()).isEqualTo(before);
  }
}
