package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Node &rarr; hub, {@code files.error}: the submission is at fault. Schema {@code
 * ingestion-user-error.json}.
 *
 * @param user the submitter
 * @param filepath the file's path in the inbox
 * @param reason what is wrong, safe to show the submitter
 * @param encryptedChecksums checksums of the file as uploaded, when known; never null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestionUserError(
    String user,
    String filepath,
    String reason,
    @JsonProperty("encrypted_checksums") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<Checksum> encryptedChecksums)
    implements NodeToHubMessage, FileMessage {

  public IngestionUserError {
    encryptedChecksums = Lists.optional(encryptedChecksums);
  }

  /** A user error without checksums. */
  public IngestionUserError(String user, String filepath, String reason) {
    this(user, filepath, reason, List.of());
  }

  @Override
  public MessageType messageType() {
    return MessageType.INGESTION_USER_ERROR;
  }
}
