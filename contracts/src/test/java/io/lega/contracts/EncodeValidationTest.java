package io.lega.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** encode refuses a record that does not match its schema, and says why. */
class EncodeValidationTest {

  private final MessageCodec codec = MessageCodec.shared();

  @Test
  void missingRequiredFieldIsRefused() {
    InvalidMessageException e =
        Expect.invalid(() -> codec.encode(new IngestionCancel(null, "a.c4gh")));

    assertThat(e.messageType()).isEqualTo(MessageType.INGESTION_CANCEL);
    assertThat(e.violations()).containsExactly("$: required property 'user' not found");
    assertThat(e.getMessage())
        .startsWith("refusing to encode an invalid ingestion-cancel message (type \"cancel\")")
        .contains("ingestion-cancel.json");
  }

  @Test
  void everyViolationIsListed() {
    IngestionCompletion completion =
        new IngestionCompletion(
            "alice", "a.c4gh", "EGAF1", List.of(Checksum.md5("abc"), Checksum.md5(Samples.MD5)));

    InvalidMessageException e = Expect.invalid(() -> codec.encode(completion));

    assertThat(e.violations())
        .hasSize(3)
        .contains("$.accession_id: does not match the regex pattern ^EGAF[0-9]{11}$")
        .contains(
            "$.decrypted_checksums[0].value: does not match the regex pattern ^[a-fA-F0-9]{32}$")
        .anySatisfy(
            v -> assertThat(v).startsWith("$.decrypted_checksums: must contain at least 1"));
  }

  @Test
  void checksumWithoutTypeIsRefused() {
    AccessionRequest request =
        new AccessionRequest(
            "alice",
            "a.c4gh",
            List.of(new Checksum(null, Samples.PLAIN_SHA256), Checksum.md5(Samples.PLAIN_MD5)));

    InvalidMessageException e = Expect.invalid(() -> codec.encode(request));

    assertThat(e.violations())
        .contains("$.decrypted_checksums[0]: required property 'type' not found");
  }

  @Test
  void nullListElementIsRefusedNotACrash() {
    IngestionTrigger trigger =
        new IngestionTrigger(
            "alice", "a.c4gh", Arrays.asList(Checksum.sha256(Samples.SHA256), null));

    InvalidMessageException e = Expect.invalid(() -> codec.encode(trigger));

    assertThat(e.violations())
        .containsExactly("$.encrypted_checksums[1]: null found, object expected");
  }

  @Test
  void emptyMappingIsRefused() {
    InvalidMessageException e =
        Expect.invalid(() -> codec.encode(new DatasetMapping("EGAD00000000001", List.of())));

    assertThat(e.violations())
        .containsExactly("$.accession_ids: must have at least 1 items but found 0");
  }

  @Test
  void archivedMessageWithoutChecksumsIsRefused() {
    FileArchived archived = new FileArchived("not-a-uuid", "alice", "a.c4gh", "", null);

    InvalidMessageException e = Expect.invalid(() -> codec.encode(archived));

    assertThat(e.violations())
        .containsExactlyInAnyOrder(
            "$: required property 'encrypted_checksums' not found",
            "$.file_id: does not match the regex pattern "
                + "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
            "$.archive_path: must be at least 1 characters long");
  }

  @Test
  void refusedEncodeIsNotAMalformedMessage() {
    Throwable thrown = catchThrowable(() -> codec.encode(new DatasetRelease("x")));

    assertThat(thrown)
        .isInstanceOf(InvalidMessageException.class)
        .isNotInstanceOf(MalformedMessageException.class);
  }
}
