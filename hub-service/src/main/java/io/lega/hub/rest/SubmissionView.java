package io.lega.hub.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lega.contracts.Checksum;
import io.lega.hub.service.Submission;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A submission as the API shows it; checksums as in the protocol ({@code {"type": "sha256",
 * "value": "..."}}).
 *
 * @param id the file's id (the messages' correlation id)
 * @param user the submitter
 * @param filepath the path in the submitter's inbox
 * @param filesize bytes as uploaded, or {@code null} if not known yet
 * @param fileLastModified last modification in the inbox, or {@code null}
 * @param state {@code uploaded}, {@code removed}, ...
 * @param errorReason what the node reported wrong, or {@code null}
 * @param accessionId the accession id, once given
 * @param encryptedChecksums of the file as uploaded
 * @param decryptedChecksums of the plaintext, once verified
 * @param createdAt when the hub first heard of the file
 * @param updatedAt when the hub last changed it
 */
public record SubmissionView(
    UUID id,
    String user,
    String filepath,
    Long filesize,
    @JsonProperty("file_last_modified") Instant fileLastModified,
    String state,
    @JsonProperty("error_reason") String errorReason,
    @JsonProperty("accession_id") String accessionId,
    @JsonProperty("encrypted_checksums") List<Checksum> encryptedChecksums,
    @JsonProperty("decrypted_checksums") List<Checksum> decryptedChecksums,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt) {

  static SubmissionView of(Submission s) {
    return new SubmissionView(
        s.id(),
        s.user(),
        s.filepath(),
        s.filesize(),
        s.fileLastModified(),
        s.state(),
        s.errorReason(),
        s.accessionId(),
        s.encryptedChecksums(),
        s.decryptedChecksums(),
        s.createdAt(),
        s.updatedAt());
  }
}
