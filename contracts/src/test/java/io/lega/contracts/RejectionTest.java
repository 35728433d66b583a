package io.lega.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lega.contracts.MalformedMessageException.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way a received message can be wrong is rejected with a message that names the problem. */
class RejectionTest {

  private final MessageCodec codec = MessageCodec.shared();

  // ------------------------------------------------------------------------- required fields

  static Stream<Arguments> requiredFields() {
    List<Arguments> cases = new ArrayList<>();
    for (MessageType type : MessageType.values()) {
      Samples.schema(type)
          .path("required")
          .forEach(field -> cases.add(Arguments.of(type, field.asText())));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} without {1}")
  @MethodSource("requiredFields")
  void missingRequiredFieldIsNamed(MessageType type, String field) {
    ObjectNode json = Samples.json(type);
    assertThat(json.has(field)).as("the sample has %s", field).isTrue();
    json.remove(field);

    MalformedMessageException e = rejected(type, json);

    assertThat(e.problem()).isEqualTo(Problem.SCHEMA_VIOLATION);
    assertThat(e.messageType()).contains(type);
    assertThat(e.violations()).contains("$: required property '" + field + "' not found");
    assertThat(e.getMessage())
        .contains(type.schemaName() + ".json")
        .contains("required property '" + field + "' not found");
  }

  @ParameterizedTest(name = "{0}: {1} is null")
  @MethodSource("requiredFields")
  void nullRequiredFieldIsRejected(MessageType type, String field) {
    ObjectNode json = Samples.json(type);
    json.putNull(field);

    MalformedMessageException e = rejected(type, json);

    assertThat(e.problem()).isEqualTo(Problem.SCHEMA_VIOLATION);
    assertThat(e.violations()).anySatisfy(v -> assertThat(v).startsWith("$." + field + ": "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"user", "reason"})
  void emptyStringsAreRejected(String field) {
    ObjectNode json = Samples.json(MessageType.INGESTION_USER_ERROR);
    json.put(field, "");

    assertThat(rejected(MessageType.INGESTION_USER_ERROR, json).violations())
        .containsExactly("$." + field + ": must be at least 1 characters long");
  }

  @Test
  void emptyFilepathFromTheHubIsRejected() {
    ObjectNode json = Samples.json(MessageType.INGESTION_TRIGGER);
    json.put("filepath", "");

    assertThat(rejected(MessageType.INGESTION_TRIGGER, json).violations())
        .containsExactly("$.filepath: must be at least 1 characters long");
  }

  /** SDA's schemas want at least 2 characters in the paths a node sends. */
  @ParameterizedTest
  @EnumSource(
      value = MessageType.class,
      names = {"INBOX_UPLOAD", "INBOX_RENAME", "INBOX_REMOVE", "INGESTION_USER_ERROR"})
  void oneCharacterInboxPathIsRejectedAsInSda(MessageType type) {
    ObjectNode json = Samples.json(type);
    json.put("filepath", "a");

    assertThat(rejected(type, json).violations())
        .containsExactly("$.filepath: must be at least 2 characters long");
  }

  // ------------------------------------------------------------------------------- checksums

  static Stream<Arguments> badChecksums() {
    String sha = Samples.SHA256;
    String md5 = Samples.MD5;
    return Stream.of(
        Arguments.of(
            "{\"type\":\"sha256\",\"value\":\"" + sha.substring(1) + "\"}",
            "$.encrypted_checksums[0].value: does not match the regex pattern ^[a-fA-F0-9]{64}$"),
        Arguments.of(
            "{\"type\":\"sha256\",\"value\":\"" + sha + "0\"}",
            "$.encrypted_checksums[0].value: does not match the regex pattern ^[a-fA-F0-9]{64}$"),
        Arguments.of(
            "{\"type\":\"sha256\",\"value\":\"" + md5 + "\"}",
            "$.encrypted_checksums[0].value: does not match the regex pattern ^[a-fA-F0-9]{64}$"),
        Arguments.of(
            "{\"type\":\"md5\",\"value\":\"" + sha + "\"}",
            "$.encrypted_checksums[0].value: does not match the regex pattern ^[a-fA-F0-9]{32}$"),
        Arguments.of(
            "{\"type\":\"md5\",\"value\":\"" + md5.replace('a', 'g') + "\"}",
            "$.encrypted_checksums[0].value: does not match the regex pattern ^[a-fA-F0-9]{32}$"),
        Arguments.of(
            "{\"type\":\"sha256\",\"value\":\"" + sha + "\",\"algorithm\":\"x\"}",
            "$.encrypted_checksums[0]: property 'algorithm' is not defined in the schema and the"
                + " schema does not allow additional properties"),
        Arguments.of(
            "{\"type\":\"sha1\",\"value\":\"da39a3ee5e6b4b0d3255bfef95601890afd80709\"}",
            "$.encrypted_checksums[0].type: does not have a value in the enumeration"),
        Arguments.of(
            "{\"type\":\"sha256\"}",
            "$.encrypted_checksums[0]: required property 'value' not found"),
        Arguments.of(
            "{\"value\":\"" + md5 + "\"}",
            "$.encrypted_checksums[0]: required property 'type' not found"),
        Arguments.of(
            "{\"type\":\"md5\",\"value\":12}",
            "$.encrypted_checksums[0].value: integer found, string expected"),
        Arguments.of("\"" + sha + "\"", "$.encrypted_checksums[0]: string found, object expected"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badChecksums")
  void badChecksumIsRejected(String checksum, String violation) {
    ObjectNode json = Samples.json(MessageType.INGESTION_TRIGGER);
    ((ArrayNode) json.get("encrypted_checksums")).insert(0, Samples.tree(checksum));

    MalformedMessageException e = rejected(MessageType.INGESTION_TRIGGER, json);

    assertThat(e.problem()).isEqualTo(Problem.SCHEMA_VIOLATION);
    assertThat(e.violations()).anySatisfy(v -> assertThat(v).startsWith(violation));
    assertThat(e.getMessage()).contains(violation);
  }

  @ParameterizedTest
  @EnumSource(
      value = MessageType.class,
      names = {"ACCESSION_REQUEST", "INGESTION_COMPLETION"})
  void decryptedChecksumsNeedBothSha256AndMd5(MessageType type) {
    for (String kept : List.of("sha256", "md5")) {
      ObjectNode json = Samples.json(type);
      ArrayNode checksums = (ArrayNode) json.get("decrypted_checksums");
      checksums.remove(kept.equals("sha256") ? 1 : 0);
      String missing = kept.equals("sha256") ? "md5" : "sha256";

      MalformedMessageException e = rejected(type, json);

      assertThat(e.violations())
          .singleElement()
          .satisfies(
              v ->
                  assertThat(v)
                      .startsWith("$.decrypted_checksums: must contain at least 1 element")
                      .contains("\"const\":\"" + missing + "\""));
    }
  }

  @Test
  void archivedBodyChecksumsNeedSha256() {
    ObjectNode json = Samples.json(MessageType.FILE_ARCHIVED);
    ((ArrayNode) json.get("encrypted_checksums")).remove(0);

    assertThat(rejected(MessageType.FILE_ARCHIVED, json).violations())
        .singleElement()
        .satisfies(v -> assertThat(v).contains("$.encrypted_checksums").contains("sha256"));
  }

  @Test
  void archivedFileIdMustBeAUuid() {
    ObjectNode json = Samples.json(MessageType.FILE_ARCHIVED);
    json.put("file_id", "42");

    assertThat(rejected(MessageType.FILE_ARCHIVED, json).violations())
        .singleElement()
        .satisfies(v -> assertThat(v).startsWith("$.file_id: does not match the regex pattern"));
  }

  // ------------------------------------------------------------------------------ discriminators

  @Test
  void wrongTypeConstantForTheExpectedRecordIsRejected() {
    byte[] cancel = Samples.bytes(Samples.text(MessageType.INGESTION_CANCEL));

    MalformedMessageException e =
        Expect.malformed(() -> codec.decode(cancel, IngestionTrigger.class));

    assertThat(e.problem()).isEqualTo(Problem.SCHEMA_VIOLATION);
    assertThat(e.violations()).containsExactly("$.type: must be the constant value 'ingest'");
  }

  @Test
  void wrongOperationConstantForTheExpectedRecordIsRejected() {
    byte[] remove = Samples.bytes(Samples.text(MessageType.INBOX_REMOVE));

    MalformedMessageException e = Expect.malformed(() -> codec.decode(remove, InboxUpload.class));

    assertThat(e.violations()).containsExactly("$.operation: must be the constant value 'upload'");
  }

  @Test
  void unknownHubTypeIsRejectedAndTheKnownOnesListed() {
    MalformedMessageException e =
        hubRejects("{\"type\":\"delete-everything\",\"dataset_id\":\"EGAD00000000001\"}");

    assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_TYPE);
    assertThat(e.messageType()).isEmpty();
    assertThat(e.getMessage())
        .contains("unknown hub-to-node message type \"delete-everything\"")
        .contains("ingest, cancel, accession, mapping, release, deprecate, permission,");
  }

  @Test
  void missingHubTypeIsRejected() {
    MalformedMessageException e = hubRejects("{\"dataset_id\":\"EGAD00000000001\"}");

    assertThat(e.problem()).isEqualTo(Problem.MISSING_TYPE);
    assertThat(e.getMessage()).contains("has no 'type' field");
  }

  @Test
  void nonStringHubTypeIsRejected() {
    MalformedMessageException e = hubRejects("{\"type\":[\"ingest\"]}");

    assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_TYPE);
    assertThat(e.getMessage()).contains("'type' field is a JSON array, not a string");
  }

  @Test
  void nodeToHubMessageSentAsHubMessageIsRejected() {
    MalformedMessageException e = hubRejects(Samples.text(MessageType.ACCESSION_REQUEST));

    assertThat(e.problem()).isEqualTo(Problem.MISSING_TYPE);
  }

  @Test
  void hubMessageWithAValidTypeButBadBodyNamesTheType() {
    MalformedMessageException e = hubRejects("{\"type\":\"release\",\"dataset_id\":\"EGAD1\"}");

    assertThat(e.problem()).isEqualTo(Problem.SCHEMA_VIOLATION);
    assertThat(e.messageType()).contains(MessageType.DATASET_RELEASE);
    assertThat(e.getMessage())
        .startsWith("the dataset-release message (type \"release\") does not match")
        .contains("$.dataset_id: does not match the regex pattern ^EGAD[0-9]{11}$");
  }

  @Test
  void unknownInboxOperationIsRejected() {
    MalformedMessageException e =
        Expect.malformed(
            () ->
                codec.decodeInbox(
                    Samples.bytes(
                        "{\"user\":\"alice\",\"filepath\":\"a\",\"operation\":\"chmod\"}")));

    assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_TYPE);
    assertThat(e.getMessage())
        .contains("unknown inbox operation \"chmod\" (expected one of: upload, rename, remove)");
  }

  @Test
  void unknownRoutingKeyIsRejected() {
    MalformedMessageException e =
        Expect.malformed(
            () ->
                codec.decodeNodeToHub(
                    "files.unknown", Samples.bytes(Samples.text(MessageType.ACCESSION_REQUEST))));

    assertThat(e.problem()).isEqualTo(Problem.UNKNOWN_ROUTING_KEY);
    assertThat(e.getMessage())
        .contains("\"files.unknown\"")
        .contains("files.inbox, files.verified, files.completed, files.error");
  }

  @Test
  void aLongUnknownTypeIsQuotedShortAndEscaped() {
    String type = "x\n".repeat(200);
    MalformedMessageException e = hubRejects("{\"type\":" + Samples.JSON.valueToTree(type) + "}");

    assertThat(e.getMessage()).doesNotContain("\n").contains("x\\nx\\n").hasSizeLessThan(400);
  }

  // ------------------------------------------------------------------------------ accession ids

  @ParameterizedTest
  @ValueSource(
      strings = {
        "EGAF0000000001",
        "EGAF000000000001",
        "egaf00000000001",
        "EGAD00000000001",
        "EGAF0000000000A",
        " EGAF00000000001",
        ""
      })
  void badFileAccessionIsRejected(String accession) {
    for (MessageType type :
        List.of(MessageType.INGESTION_ACCESSION, MessageType.INGESTION_COMPLETION)) {
      ObjectNode json = Samples.json(type);
      json.put("accession_id", accession);

      assertThat(rejected(type, json).violations())
          .containsExactly("$.accession_id: does not match the regex pattern ^EGAF[0-9]{11}$");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = MessageType.class,
      names = {
        "DATASET_MAPPING",
        "DATASET_RELEASE",
        "DATASET_DEPRECATE",
        "PERMISSION",
        "PERMISSION_DELETED"
      })
  void badDatasetAccessionIsRejected(MessageType type) {
    ObjectNode json = Samples.json(type);
    json.put("dataset_id", "EGAF00000000001");

    assertThat(rejected(type, json).violations())
        .containsExactly("$.dataset_id: does not match the regex pattern ^EGAD[0-9]{11}$");
  }

  @Test
  void badAccessionInAMappingIsPointedAt() {
    ObjectNode json = Samples.json(MessageType.DATASET_MAPPING);
    ((ArrayNode) json.get("accession_ids")).add("EGAF123");

    assertThat(rejected(MessageType.DATASET_MAPPING, json).violations())
        .containsExactly("$.accession_ids[2]: does not match the regex pattern ^EGAF[0-9]{11}$");
  }

  @Test
  void emptyAccessionIdsAreRejected() {
    ObjectNode json = Samples.json(MessageType.DATASET_MAPPING);
    json.putArray("accession_ids");

    MalformedMessageException e = rejected(MessageType.DATASET_MAPPING, json);

    assertThat(e.violations())
        .containsExactly("$.accession_ids: must have at least 1 items but found 0");
  }

  @Test
  void manyViolationsAreAllKeptButOnlyTheFirstListedInTheMessage() {
    ObjectNode json = Samples.json(MessageType.DATASET_MAPPING);
    ArrayNode ids = json.putArray("accession_ids");
    for (int i = 0; i < 30; i++) {
      ids.add("bad" + i);
    }

    MalformedMessageException e = rejected(MessageType.DATASET_MAPPING, json);

    assertThat(e.violations()).hasSize(30);
    assertThat(e.getMessage())
        .contains("$.accession_ids[19]")
        .doesNotContain("$.accession_ids[20]");
    assertThat(e.getMessage()).endsWith("; and 10 more");
  }

  // ------------------------------------------------------------------------------- other types

  @Test
  void wrongJsonTypesAreRejected() {
    ObjectNode upload = Samples.json(MessageType.INBOX_UPLOAD);
    upload.put("filesize", "2048");
    upload.put("file_last_modified", 1.5);

    assertThat(rejected(MessageType.INBOX_UPLOAD, upload).violations())
        .containsExactlyInAnyOrder(
            "$.filesize: string found, integer expected",
            "$.file_last_modified: number found, integer expected");
  }

  @Test
  void negativeSizeAndExpiryAreRejected() {
    ObjectNode upload = Samples.json(MessageType.INBOX_UPLOAD);
    upload.put("filesize", -1);
    ObjectNode permission = Samples.json(MessageType.PERMISSION);
    permission.put("expires_at", -1);

    assertThat(rejected(MessageType.INBOX_UPLOAD, upload).violations())
        .containsExactly("$.filesize: must have a minimum value of 0");
    assertThat(rejected(MessageType.PERMISSION, permission).violations())
        .containsExactly("$.expires_at: must have a minimum value of 0");
  }

  @Test
  void integerTooLargeForTheRecordIsASchemaViolationNotACrash() {
    String body =
        "{\"user\":\"a\",\"filepath\":\"b.c4gh\",\"operation\":\"upload\","
            + "\"filesize\":99999999999999999999999}";

    MalformedMessageException e = Expect.malformed(() -> codec.decodeInbox(Samples.bytes(body)));

    assertThat(e.problem()).isEqualTo(Problem.SCHEMA_VIOLATION);
    assertThat(e.violations())
        .singleElement()
        .satisfies(v -> assertThat(v).startsWith("$.filesize: "));
    assertThat(e.getMessage()).contains("out of range");
  }

  // ------------------------------------------------------------------------------- not JSON

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "not json",
        "{\"type\":\"ingest\",",
        "{\"type\":\"release\",\"dataset_id\":\"EGAD00000000001\"} trailing",
        "{\"type\":\"release\",\"type\":\"deprecate\",\"dataset_id\":\"EGAD00000000001\"}",
        "{'type':'release'}",
        "{\"type\":\"release\",\"dataset_id\":NaN}"
      })
  void notJsonIsRejected(String body) {
    MalformedMessageException e = hubRejects(body);

    assertThat(e.problem()).isEqualTo(Problem.NOT_JSON);
    assertThat(e.getMessage()).startsWith("the message body is");
    assertThat(e.violations()).isEmpty();
  }

  @Test
  void notJsonNamesWhereItBroke() {
    MalformedMessageException e = hubRejects("{\"type\":\"ingest\",\n \"user\": alice}");

    assertThat(e.getMessage())
        .startsWith("the message body is not valid JSON: Unrecognized token 'alice'")
        .contains("line 2");
  }

  @Test
  void invalidUtf8IsRejected() {
    byte[] body = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    MalformedMessageException e = Expect.malformed(() -> codec.decodeHubToNode(body));

    assertThat(e.problem()).isEqualTo(Problem.NOT_JSON);
  }

  @Test
  void duplicateFieldsAreRejectedSoNoReaderSeesAnotherValue() {
    MalformedMessageException e =
        hubRejects(
            "{\"type\":\"release\",\"type\":\"deprecate\",\"dataset_id\":\"EGAD00000000001\"}");

    assertThat(e.getMessage()).contains("Duplicate field 'type'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "[{\"type\":\"ingest\"}]", "\"ingest\"", "42", "true", "null"})
  void jsonThatIsNotAnObjectIsRejected(String body) {
    MalformedMessageException e = hubRejects(body);

    assertThat(e.problem()).isEqualTo(Problem.NOT_AN_OBJECT);
    assertThat(e.getMessage()).contains("not a JSON object");
  }

  @Test
  void nullBodyIsRejected() {
    MalformedMessageException e = Expect.malformed(() -> codec.decodeHubToNode(null));

    assertThat(e.problem()).isEqualTo(Problem.NOT_JSON);
    assertThat(e.getMessage()).isEqualTo("the message body is empty");
  }

  // ------------------------------------------------------------------------------- helpers

  private MalformedMessageException rejected(MessageType type, JsonNode json) {
    return Expect.malformed(() -> codec.decode(Samples.bytes(json), type));
  }

  private MalformedMessageException hubRejects(String body) {
    return Expect.malformed(() -> codec.decodeHubToNode(Samples.bytes(body)));
  }
}
