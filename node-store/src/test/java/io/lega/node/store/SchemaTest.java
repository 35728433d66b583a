package io.lega.node.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.agroal.api.AgroalDataSource;
import io.lega.contracts.ChecksumType;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.DatasetEvent;
import io.lega.node.store.model.DatasetState;
import io.lega.node.store.model.DownloadOutcome;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileState;
import io.lega.node.store.model.KeyPurpose;
import io.lega.node.store.model.StoredAsText;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.metamodel.EntityType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema as services get it: Flyway applied the packaged migrations at start, and Hibernate
 * validated the entities against the result (else the application would not have started).
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class SchemaTest {

  @Inject Flyway flyway;

  @Inject Mutiny.SessionFactory sessionFactory;

  @Inject AgroalDataSource database;

  @ConfigProperty(name = "quarkus.hibernate-orm.schema-management.strategy")
  String schemaManagement;

  @Test
  void flywayAppliedBothMigrationsFromTheJar() {
    assertThat(flyway.info().applied())
        .extracting(info -> info.getVersion().getVersion(), MigrationInfo::getScript)
        .containsExactly(
            tuple("1", "db/node/V1__files_events_checksums.sql"),
            tuple("2", "db/node/V2__datasets_audit.sql"),
            tuple("3", "db/node/V3__download_revocations.sql"),
            tuple("4", "db/node/V4__audit_unknown_files.sql"));
    assertThat(flyway.info().pending()).isEmpty();
  }

  @Test
  void hibernateOnlyValidatesAndMapsEveryTable() {
    assertThat(schemaManagement).isEqualTo("validate");
    assertThat(sessionFactory.getMetamodel().getEntities())
        .extracting(EntityType::getName)
        .containsExactlyInAnyOrder(
            "FileEntity",
            "FileEventEntity",
            "ChecksumEntity",
            "Crypt4ghKeyEntity",
            "DatasetEntity",
            "DatasetFileEntity",
            "DatasetEventEntity",
            "DownloadAuditEntity",
            "DownloadRevocationEntity");
  }

  static Stream<Arguments> enumsAndTheirConstraints() {
    return Stream.of(
        Arguments.of("files_state", stored(FileState.values())),
        Arguments.of("file_events_event", stored(FileEvent.values())),
        Arguments.of("checksums_source_check", stored(ChecksumSource.values())),
        Arguments.of(
            "checksums_type_check",
            Arrays.stream(ChecksumType.values())
                .map(ChecksumType::jsonName)
                .collect(Collectors.toSet())),
        Arguments.of("crypt4gh_keys_purpose_check", stored(KeyPurpose.values())),
        Arguments.of("datasets_state_check", stored(DatasetState.values())),
        Arguments.of("dataset_events_event_check", stored(DatasetEvent.values())),
        Arguments.of("download_audit_outcome_check", stored(DownloadOutcome.values())));
  }

  private static Set<String> stored(StoredAsText[] constants) {
    return Arrays.stream(constants).map(StoredAsText::value).collect(Collectors.toSet());
  }

  @ParameterizedTest
  @MethodSource("enumsAndTheirConstraints")
  void enumValuesAreExactlyWhatTheCheckConstraintAllows(String constraint, Set<String> values)
      throws Exception {
    assertThat(allowedBy(constraint)).isEqualTo(values);
  }

  @Test
  void everyFileEventLeadsToTheStateOfTheSameName() {
    for (FileEvent event : FileEvent.values()) {
      assertThat(event.state().value()).isEqualTo(event.value());
    }
  }

  /** The quoted literals of a CHECK constraint, as PostgreSQL prints its definition. */
  private Set<String> allowedBy(String constraint) throws Exception {
    try (Connection connection = database.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ?")) {
      statement.setString(1, constraint);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).as("constraint %s exists", constraint).isTrue();
        Matcher literal = Pattern.compile("'([a-z0-9_]+)'::text").matcher(rows.getString(1));
        Set<String> values = new HashSet<>();
        while (literal.find()) {
          values.add(literal.group(1));
        }
        return values;
      }
    }
  }
}
