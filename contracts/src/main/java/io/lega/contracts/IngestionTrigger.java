package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Hub &rarr; node, {@code type: "ingest"}: ingest this file from the user's inbox. Schema {@code
 * ingestion-trigger.json}.
 *
 * @param user the submitter
 * @param filepath the file's path in the inbox
 * @param encryptedChecksums checksums of the file as uploaded; if any are given, they must match
 *     the inbox file. Never null, empty if none.
 * @param decryptedChecksums checksums of the plaintext the submitter declared (an extension of the
 *     federated shape, which lets top-level objects carry extra fields); if any are given, verify
 *     checks the decrypted content against them. Never null, empty if none.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type"})
public record IngestionTrigger(
    String user,
    String filepath,
    @JsonProperty("encrypted_checksums") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<Checksum> encryptedChecksums,
    @JsonProperty("decrypted_checksums") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<Checksum> decryptedChecksums)
    implements HubToNodeMessage, FileMessage {

  public static final String TYPE = "ingest";

  public IngestionTrigger {
    encryptedChecksums = Lists.optional(encryptedChecksums);
    decryptedChecksums = Lists.optional(decryptedChecksums);
  }

  /** A trigger without declared decrypted checksums. */
  public IngestionTrigger(String user, String filepath, List<Checksum> encryptedChecksums) {
    this(user, filepath, encryptedChecksums, List.of());
  }

  /** A trigger without checksums. */
  public IngestionTrigger(String user, String filepath) {
    this(user, filepath, List.of(), List.of());
  }

  @Override
  @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
  public String type() {
    return TYPE;
  }

  @Override
  public MessageType messageType() {
    return MessageType.INGESTION_TRIGGER;
  }
}
