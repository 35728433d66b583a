package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Node-internal (ingest &rarr; verify): the file's body is in the archive. Never sent to the hub;
 * its routing key belongs to the node's topology. Schema {@code file-archived.json}.
 *
 * @param fileId the file's UUID, which is also the correlation id
 * @param user the submitter
 * @param filepath the file's path in the inbox
 * @param archivePath where the body is in archive storage (object name or path)
 * @param encryptedChecksums checksums of the archived body (the Crypt4GH segments, without the
 *     header): at least sha256
 * @param reVerify true when an already verified file is checked again (written only when true)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FileArchived(
    @JsonProperty("file_id") String fileId,
    String user,
    String filepath,
    @JsonProperty("archive_path") String archivePath,
    @JsonProperty("encrypted_checksums") List<Checksum> encryptedChecksums,
    @JsonProperty("re_verify") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean reVerify)
    implements NodeInternalMessage, FileMessage {

  public FileArchived {
    encryptedChecksums = Lists.required(encryptedChecksums);
  }

  /** A first verification ({@code reVerify} false). */
  public FileArchived(
      String fileId,
      String user,
      String filepath,
      String archivePath,
      List<Checksum> encryptedChecksums) {
    this(fileId, user, filepath, archivePath, encryptedChecksums, false);
  }

  @Override
  public MessageType messageType() {
    return MessageType.FILE_ARCHIVED;
  }
}
