package io.lega.hub.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code access_requests}: a researcher's request for a dataset and where its decision
 * stands. Never deleted.
 */
@Entity
@Table(name = "access_requests")
public class AccessRequestEntity {

  @Id public UUID id;

  @Column(name = "dataset_id", nullable = false, updatable = false)
  public String datasetId;

  /** The researcher. */
  @Column(nullable = false, updatable = false)
  public String username;

  @Column(nullable = false, updatable = false)
  public String justification;

  /** One of {@link io.lega.hub.service.AccessState}, in lower case. */
  @Column(nullable = false)
  public String state;

  /** When an approved request stops granting access; {@code null}: when it is revoked. */
  @Column(name = "expires_at")
  public Instant expiresAt;

  /** When it was approved; {@code null} unless approved or revoked. */
  @Column(name = "granted_at")
  public Instant grantedAt;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
