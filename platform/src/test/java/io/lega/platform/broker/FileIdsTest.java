package io.lega.platform.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.contracts.MalformedMessageException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FileIdsTest {

  private static MessageContext context(String correlationId) {
    return new MessageContext(correlationId, "ingest", 1, null, Map.of(), false);
  }

  @Test
  void theCorrelationIdIsTheFileId() {
    UUID id = UUID.randomUUID();
    assertThat(FileIds.of(context(id.toString()))).isEqualTo(id);
  }

  @Test
  void aMissingOrInvalidCorrelationIdIsMalformed() {
    assertThatThrownBy(() -> FileIds.of(context(null)))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("no correlation id");
    assertThatThrownBy(() -> FileIds.of(context("1-2-3-4-5")))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("not a UUID");
  }
}
