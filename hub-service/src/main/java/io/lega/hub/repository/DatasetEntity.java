package io.lega.hub.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code datasets}: a dataset, by its accession id. Never deleted. */
@Entity
@Table(name = "datasets")
public class DatasetEntity {

  /** {@code EGAD} + 11 digits. */
  @Id
  @Column(name = "dataset_id")
  public String datasetId;

  /** One of {@link io.lega.hub.service.DatasetState}, in lower case. */
  @Column(nullable = false)
  public String state;

  /** The DAC that decides on access to it; {@code null} for none yet (made before DACs existed). */
  @Column(name = "dac_id")
  public String dacId;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
