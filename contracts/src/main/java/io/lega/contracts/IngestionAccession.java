package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Hub &rarr; node, {@code type: "accession"}: the hub assigns this accession id to the verified
 * file. Schema {@code ingestion-accession.json}.
 *
 * @param user the submitter
 * @param filepath the file's path in the inbox
 * @param accessionId the file's accession id
 * @param decryptedChecksums the decrypted checksums of the accession request, echoed by the hub
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type"})
public record IngestionAccession(
    String user,
    String filepath,
    @JsonProperty("accession_id") String accessionId,
    @JsonProperty("decrypted_checksums") List<Checksum> decryptedChecksums)
    implements HubToNodeMessage, FileMessage {

  public static final String TYPE = "accession";

  public IngestionAccession {
    decryptedChecksums = Lists.required(decryptedChecksums);
  }

  @Override
  @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
  public String type() {
    return TYPE;
  }

  @Override
  public MessageType messageType() {
    return MessageType.INGESTION_ACCESSION;
  }
}
