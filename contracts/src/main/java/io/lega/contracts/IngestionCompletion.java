package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Node &rarr; hub, {@code files.completed}: the file has its accession id, is backed up and is
 * ready. Schema {@code ingestion-completion.json}.
 *
 * @param user the submitter
 * @param filepath the file's path in the inbox
 * @param accessionId the file's accession id
 * @param decryptedChecksums checksums of the decrypted content: at least sha256 and md5
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestionCompletion(
    String user,
    String filepath,
    @JsonProperty("accession_id") String accessionId,
    @JsonProperty("decrypted_checksums") List<Checksum> decryptedChecksums)
    implements NodeToHubMessage, FileMessage {

  public IngestionCompletion {
    decryptedChecksums = Lists.required(decryptedChecksums);
  }

  @Override
  public MessageType messageType() {
    return MessageType.INGESTION_COMPLETION;
  }
}
