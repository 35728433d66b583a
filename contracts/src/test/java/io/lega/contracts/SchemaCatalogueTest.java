package io.lega.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The schemas, {@link MessageType}, the records and the sealed hierarchy agree with each other. */
class SchemaCatalogueTest {

  private final MessageCodec codec = MessageCodec.shared();

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void schemaIsDraft202012WithItsOwnIdAndOpenTopLevel(MessageType type) {
    ObjectNode schema = Samples.schema(type);

    assertThat(schema.path("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.path("$id").asText()).endsWith("/" + type.schemaName() + ".json");
    assertThat(schema.path("type").asText()).isEqualTo("object");
    assertThat(schema.path("additionalProperties").asBoolean(false)).isTrue();
    assertThat(schema.path("required").isArray()).isTrue();
    assertThat(schema.path("description").asText()).isNotBlank();
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void discriminatorIsARequiredConstantOfTheSchema(MessageType type) {
    ObjectNode schema = Samples.schema(type);
    List<String> required = texts(schema.path("required"));

    switch (type.direction()) {
      case HUB_TO_NODE -> {
        assertThat(required).contains("type");
        assertThat(schema.at("/properties/type/const").asText())
            .isEqualTo(type.discriminator().orElseThrow());
        assertThat(type.routingKey()).isEmpty();
      }
      case NODE_TO_HUB -> {
        assertThat(type.routingKey()).isPresent();
        if (type.routingKey().orElseThrow().equals(RoutingKeys.FILES_INBOX)) {
          assertThat(required).contains("operation");
          assertThat(schema.at("/properties/operation/const").asText())
              .isEqualTo(type.discriminator().orElseThrow());
        } else {
          assertThat(type.discriminator()).isEmpty();
          assertThat(schema.has("type")).isTrue();
          assertThat(schema.path("properties").has("type")).isFalse();
        }
      }
      case NODE_INTERNAL -> {
        assertThat(type.routingKey()).isEmpty();
        assertThat(type.discriminator()).isEmpty();
        assertThat(schema.path("title").asText()).contains("node-internal");
      }
    }
  }

  @Test
  void checksumObjectsRejectExtraFieldsAndHexIsCaseInsensitiveAsInSda() {
    ObjectNode checksum =
        (ObjectNode) Samples.schema("io/lega/contracts/schemas/common.json").at("/$defs/checksum");

    assertThat(checksum.path("additionalProperties").isBoolean()).isTrue();
    assertThat(checksum.path("additionalProperties").asBoolean(true)).isFalse();
    assertThat(checksum.toString()).contains("^[a-fA-F0-9]{64}$").contains("^[a-fA-F0-9]{32}$");
  }

  @Test
  void eachRoutingKeyOrTypeValueNamesOneMessage() {
    List<String> hubTypes =
        MessageType.inDirection(Direction.HUB_TO_NODE).stream()
            .map(t -> t.discriminator().orElseThrow())
            .toList();
    assertThat(hubTypes)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(
            "ingest",
            "cancel",
            "accession",
            "mapping",
            "release",
            "deprecate",
            "permission",
            "permission.deleted");

    assertThat(MessageType.inDirection(Direction.NODE_TO_HUB))
        .extracting(t -> t.routingKey().orElseThrow() + "/" + t.discriminator().orElse(""))
        .containsExactlyInAnyOrder(
            "files.inbox/upload",
            "files.inbox/rename",
            "files.inbox/remove",
            "files.verified/",
            "files.completed/",
            "files.error/");
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void recordsKnowTheirMessageType(MessageType type) {
    Message sample = Samples.record(type);

    assertThat(sample).isInstanceOf(type.recordClass());
    assertThat(sample.messageType()).isEqualTo(type);
    assertThat(MessageType.forRecord(type.recordClass())).contains(type);
    assertThat(type.recordClass().isRecord()).isTrue();
    if (sample instanceof HubToNodeMessage hub) {
      assertThat(hub.type()).isEqualTo(type.discriminator().orElseThrow());
    }
    if (sample instanceof InboxMessage inbox) {
      assertThat(inbox.operation()).isEqualTo(type.discriminator().orElseThrow());
    }
    if (sample instanceof NodeToHubMessage out) {
      assertThat(out.routingKey()).isEqualTo(type.routingKey().orElseThrow());
    }
  }

  @Test
  void sealedHierarchyMatchesTheCatalogue() {
    assertThat(permittedRecords(HubToNodeMessage.class))
        .containsExactlyInAnyOrderElementsOf(recordsIn(Direction.HUB_TO_NODE));
    assertThat(permittedRecords(NodeToHubMessage.class))
        .containsExactlyInAnyOrderElementsOf(recordsIn(Direction.NODE_TO_HUB));
    assertThat(permittedRecords(NodeInternalMessage.class))
        .containsExactlyInAnyOrderElementsOf(recordsIn(Direction.NODE_INTERNAL));
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void everyExampleInTheSchemaDecodesAndReencodesToTheSameJson(MessageType type) {
    JsonNode examples = Samples.schema(type).path("examples");
    assertThat(examples.size()).isPositive();

    for (JsonNode example : examples) {
      Message message = codec.decode(Samples.bytes(example), type);

      assertThat(message.messageType()).isEqualTo(type);
      assertThat(Samples.tree(codec.encode(message))).isEqualTo(example);
    }
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void encodedFieldsAreAllDeclaredInTheSchema(MessageType type) {
    Set<String> declared = fieldNames(Samples.schema(type).path("properties"));

    JsonNode encoded = Samples.tree(codec.encode(Samples.record(type)));

    assertThat(fieldNames(encoded)).isSubsetOf(declared);
    assertThat(fieldNames(encoded)).containsAll(texts(Samples.schema(type).path("required")));
  }

  private static List<Class<?>> permittedRecords(Class<?> sealed) {
    List<Class<?>> records = new ArrayList<>();
    for (Class<?> sub : sealed.getPermittedSubclasses()) {
      if (sub.isRecord()) {
        records.add(sub);
      } else {
        records.addAll(permittedRecords(sub));
      }
    }
    return records;
  }

  private static List<Class<?>> recordsIn(Direction direction) {
    return MessageType.inDirection(direction).stream()
        .<Class<?>>map(MessageType::recordClass)
        .toList();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static Set<String> fieldNames(JsonNode object) {
    Set<String> names = new HashSet<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
