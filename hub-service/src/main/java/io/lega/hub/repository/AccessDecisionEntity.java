package io.lega.hub.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code access_decisions}: one decision on an access request, who took it and when. */
@Entity
@Table(name = "access_decisions")
public class AccessDecisionEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "request_id", nullable = false, updatable = false)
  public UUID requestId;

  /** {@code approved}, {@code rejected} or {@code revoked}. */
  @Column(nullable = false, updatable = false)
  public String decision;

  /** The DAC member who decided. */
  @Column(name = "decided_by", nullable = false, updatable = false)
  public String decidedBy;

  @Column(name = "decided_at", nullable = false, updatable = false)
  public Instant decidedAt;

  @Column(updatable = false)
  public String reason;

  @Column(name = "expires_at", updatable = false)
  public Instant expiresAt;
}
