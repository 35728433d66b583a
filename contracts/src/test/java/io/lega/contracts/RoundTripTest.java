package io.lega.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Valid messages survive encode and decode unchanged, in both directions. */
class RoundTripTest {

  private final MessageCodec codec = MessageCodec.shared();

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void recordRoundTrips(MessageType type) {
    Message record = Samples.record(type);

    byte[] body = codec.encode(record);

    assertThat(codec.decode(body, type)).isEqualTo(record);
    assertThat(codec.decode(body, type.recordClass())).isEqualTo(record);
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void jsonDecodesToTheRecordAndEncodesBackToTheSameJson(MessageType type) {
    ObjectNode json = Samples.json(type);

    Message decoded = codec.decode(Samples.bytes(json), type);

    assertThat(decoded).isEqualTo(Samples.record(type));
    assertThat(Samples.tree(codec.encode(decoded))).isEqualTo(json);
  }

  @ParameterizedTest
  @EnumSource(
      value = MessageType.class,
      names = {
        "INGESTION_TRIGGER",
        "INGESTION_CANCEL",
        "INGESTION_ACCESSION",
        "DATASET_MAPPING",
        "DATASET_RELEASE",
        "DATASET_DEPRECATE",
        "PERMISSION",
        "PERMISSION_DELETED"
      })
  void hubMessagesDispatchOnTheirType(MessageType type) {
    HubToNodeMessage message = codec.decodeHubToNode(Samples.bytes(Samples.text(type)));

    assertThat(message).isEqualTo(Samples.record(type));
    assertThat(message.messageType()).isEqualTo(type);
  }

  @ParameterizedTest
  @EnumSource(
      value = MessageType.class,
      names = {"INBOX_UPLOAD", "INBOX_RENAME", "INBOX_REMOVE"})
  void inboxMessagesDispatchOnTheirOperation(MessageType type) {
    byte[] body = Samples.bytes(Samples.text(type));

    assertThat(codec.decodeInbox(body)).isEqualTo(Samples.record(type));
    assertThat(codec.decodeNodeToHub("files.inbox", body)).isEqualTo(Samples.record(type));
  }

  @ParameterizedTest
  @EnumSource(
      value = MessageType.class,
      names = {"ACCESSION_REQUEST", "INGESTION_COMPLETION", "INGESTION_USER_ERROR"})
  void nodeMessagesDispatchOnTheirRoutingKey(MessageType type) {
    NodeToHubMessage message =
        codec.decodeNodeToHub(type.routingKey().orElseThrow(), Samples.bytes(Samples.text(type)));

    assertThat(message).isEqualTo(Samples.record(type));
    assertThat(message.routingKey()).isEqualTo(type.routingKey().orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(MessageType.class)
  void extraTopLevelFieldsAreAcceptedAndIgnored(MessageType type) {
    ObjectNode json = Samples.json(type);
    json.put("correlation_id", "f00");
    json.putObject("x_future_field").putArray("nested").add(1).add("two");

    Message decoded = codec.decode(Samples.bytes(json), type);

    assertThat(decoded).isEqualTo(Samples.record(type));
    assertThat(Samples.tree(codec.encode(decoded)).has("x_future_field")).isFalse();
  }

  @Test
  void encodingUsesSnakeCaseNamesAndTheTypeConstant() {
    JsonNode accession =
        Samples.tree(codec.encode(Samples.record(MessageType.INGESTION_ACCESSION)));
    JsonNode upload = Samples.tree(codec.encode(Samples.record(MessageType.INBOX_UPLOAD)));
    JsonNode permission = Samples.tree(codec.encode(Samples.record(MessageType.PERMISSION)));

    assertThat(accession.path("type").asText()).isEqualTo("accession");
    assertThat(accession.path("accession_id").asText()).isEqualTo("EGAF00000000001");
    assertThat(accession.path("decrypted_checksums").get(1).path("type").asText()).isEqualTo("md5");
    assertThat(upload.path("operation").asText()).isEqualTo("upload");
    assertThat(upload.path("file_last_modified").asLong()).isEqualTo(1717171717L);
    assertThat(upload.path("encrypted_checksums").size()).isEqualTo(2);
    assertThat(permission.path("expires_at").asLong()).isEqualTo(1893456000L);
    assertThat(permission.path("dataset_id").asText()).isEqualTo("EGAD00000000001");
  }

  @Test
  void absentOptionalFieldsAreLeftOutNotWrittenAsNull() {
    JsonNode trigger = Samples.tree(codec.encode(new IngestionTrigger("alice", "a.c4gh")));
    JsonNode permission =
        Samples.tree(codec.encode(new PermissionGranted("EGAD00000000001", "bob", null)));
    JsonNode upload =
        Samples.tree(codec.encode(new InboxUpload("alice", "a.c4gh", null, null, null)));

    assertThat(trigger.toString())
        .isEqualTo("{\"type\":\"ingest\",\"user\":\"alice\",\"filepath\":\"a.c4gh\"}");
    assertThat(permission.has("expires_at")).isFalse();
    assertThat(upload.toString())
        .isEqualTo("{\"user\":\"alice\",\"filepath\":\"a.c4gh\",\"operation\":\"upload\"}");
  }

  @Test
  void uppercaseHexIsAcceptedAsInSdaAndKeptInLowerCase() {
    String upper = Samples.SHA256.toUpperCase();
    String body =
        """
        {"type":"ingest","user":"alice","filepath":"a.c4gh",
         "encrypted_checksums":[{"type":"sha256","value":"%s"}]}"""
            .formatted(upper);

    IngestionTrigger trigger = codec.decode(Samples.bytes(body), IngestionTrigger.class);

    assertThat(trigger.encryptedChecksums()).containsExactly(Checksum.sha256(Samples.SHA256));
    assertThat(trigger.encryptedChecksums().get(0).value()).isEqualTo(Samples.SHA256);
  }

  @Test
  void permissionExpiryIsUnixSeconds() {
    Instant end = Instant.parse("2030-01-01T00:00:00Z");

    PermissionGranted grant = PermissionGranted.until("EGAD00000000001", "bob", end);
    PermissionGranted decoded = codec.decode(codec.encode(grant), PermissionGranted.class);

    assertThat(decoded.expiresAt()).isEqualTo(end.getEpochSecond());
    assertThat(decoded.expiry()).contains(end);
    assertThat(new PermissionGranted("EGAD00000000001", "bob", null).expiry()).isEmpty();
  }

  @Test
  void checksumHelpers() {
    byte[] digest = new byte[32];
    digest[31] = (byte) 0xAB;

    assertThat(Checksum.of(ChecksumType.SHA256, digest).value())
        .hasSize(64)
        .endsWith("ab")
        .startsWith("00");
    assertThat(Checksum.find(Samples.DECRYPTED, ChecksumType.MD5)).contains(Samples.PLAIN_MD5);
    assertThat(Checksum.find(List.of(Checksum.md5(Samples.MD5)), ChecksumType.SHA256)).isEmpty();
    assertThat(ChecksumType.fromJsonName("sha256")).contains(ChecksumType.SHA256);
    assertThat(ChecksumType.MD5.algorithm()).isEqualTo("MD5");
  }

  @Test
  void recordListsAreImmutableCopies() {
    List<Checksum> source = new ArrayList<>(Samples.ENCRYPTED);
    IngestionTrigger trigger = new IngestionTrigger("alice", "a.c4gh", source);
    source.clear();

    assertThat(trigger.encryptedChecksums()).hasSize(2);
    assertThat(new IngestionTrigger("alice", "a.c4gh", null).encryptedChecksums()).isEmpty();
    assertThatThrownBy(() -> trigger.encryptedChecksums().add(Checksum.md5(Samples.MD5)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void declaredDecryptedChecksumsRoundTripOnTheTrigger() {
    IngestionTrigger trigger =
        new IngestionTrigger("alice", "a.c4gh", Samples.ENCRYPTED, Samples.DECRYPTED);
    byte[] body = codec.encode(trigger);

    assertThat(Samples.tree(body).get("decrypted_checksums").size()).isEqualTo(2);
    assertThat(codec.decode(body, IngestionTrigger.class)).isEqualTo(trigger);
    assertThat(
            Samples.tree(codec.encode(new IngestionTrigger("alice", "a.c4gh")))
                .has("decrypted_checksums"))
        .isFalse();
  }
}
