package io.lega.hub.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code dacs}: a data access committee, by its accession id. Never deleted. */
@Entity
@Table(name = "dacs")
public class DacEntity {

  /** {@code EGAC} + 11 digits. */
  @Id
  @Column(name = "dac_id")
  public String dacId;

  @Column(nullable = false)
  public String title;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
