package io.lega.hub.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code submissions}: one file a node reported, keyed by its id (the messages'
 * correlation id). Read through Hibernate; written by {@link SubmissionRepository}'s statements for
 * {@code files.inbox}, and as a locked entity for ingestion and the nodes' reports.
 */
@Entity
@Table(name = "submissions")
public class SubmissionEntity {

  @Id public UUID id;

  @Column(nullable = false)
  public String username;

  @Column(nullable = false)
  public String filepath;

  public Long filesize;

  @Column(name = "file_last_modified")
  public Instant fileLastModified;

  /** One of {@link io.lega.hub.service.SubmissionState}, in lower case. */
  @Column(nullable = false)
  public String state;

  @Column(name = "error_reason")
  public String errorReason;

  @Column(name = "accession_id", unique = true)
  public String accessionId;

  /** When {@code files.completed} was first recorded, or {@code null}. */
  @Column(name = "completed_at")
  public Instant completedAt;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
