package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Node &rarr; hub, {@code files.verified}: the file is archived and verified; the node asks the hub
 * for its accession id. Schema {@code accession-request.json}.
 *
 * @param user the submitter
 * @param filepath the file's path in the inbox
 * @param decryptedChecksums checksums of the decrypted content: at least sha256 and md5
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessionRequest(
    String user,
    String filepath,
    @JsonProperty("decrypted_checksums") List<Checksum> decryptedChecksums)
    implements NodeToHubMessage, FileMessage {

  public AccessionRequest {
    decryptedChecksums = Lists.required(decryptedChecksums);
  }

  @Override
  public MessageType messageType() {
    return MessageType.ACCESSION_REQUEST;
  }
}
