package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Node &rarr; hub, {@code files.inbox}, {@code operation: "upload"}: a file was uploaded to a
 * user's inbox. Schema {@code inbox-upload.json}.
 *
 * @param user the submitter
 * @param filepath the file's path in the inbox
 * @param filesize the size of the uploaded (encrypted) file in bytes, or null if unknown
 * @param fileLastModified when the file was last modified, in seconds since the epoch, or null
 * @param encryptedChecksums checksums of the file as uploaded (the inbox sends sha256 and md5);
 *     never null, empty if none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"user", "filepath", "operation"})
public record InboxUpload(
    String user,
    String filepath,
    Long filesize,
    @JsonProperty("file_last_modified") Long fileLastModified,
    @JsonProperty("encrypted_checksums") @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<Checksum> encryptedChecksums)
    implements InboxMessage {

  public static final String OPERATION = "upload";

  public InboxUpload {
    encryptedChecksums = Lists.optional(encryptedChecksums);
  }

  @Override
  @JsonProperty(value = "operation", access = JsonProperty.Access.READ_ONLY)
  public String operation() {
    return OPERATION;
  }

  @Override
  public MessageType messageType() {
    return MessageType.INBOX_UPLOAD;
  }
}
