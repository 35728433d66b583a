package io.lega.hub.service;

import io.lega.contracts.Checksum;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A file a node reported.
 *
 * @param id the file's id (the messages' correlation id)
 * @param user the submitter's username (possibly not, or not yet, in the directory)
 * @param filepath the file's path in the submitter's inbox
 * @param filesize its size in bytes as uploaded, or {@code null} if not known yet
 * @param fileLastModified when it was last modified in the inbox, or {@code null}
 * @param state one of {@link SubmissionState}, in lower case
 * @param errorReason what the node reported as wrong with it, or {@code null}
 * @param accessionId its accession id, once it has one
 * @param encryptedChecksums checksums of the file as uploaded
 * @param decryptedChecksums checksums of its plaintext, once verified
 * @param createdAt when the hub first heard of it
 * @param updatedAt when the hub last changed it
 */
public record Submission(
    UUID id,
    String user,
    String filepath,
    Long filesize,
    Instant fileLastModified,
    String state,
    String errorReason,
    String accessionId,
    List<Checksum> encryptedChecksums,
    List<Checksum> decryptedChecksums,
    Instant createdAt,
    Instant updatedAt) {}
