package io.lega.node.store.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code datasets}: a set of files the hub defined, by its stable id. Changed only through
 * {@code DatasetRepository}, which records a {@link DatasetEventEntity} with every change.
 */
@Entity
@Table(name = "datasets")
@Immutable
public class DatasetEntity {

  /** The node's own key. */
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** The hub's id (EGAD + 11 digits). */
  @Column(name = "stable_id", nullable = false, unique = true)
  public String stableId;

  /** Where the dataset is in its life. */
  @Convert(converter = DatasetState.Converter.class)
  @Column(name = "state", nullable = false)
  public DatasetState state;

  /** When it was registered. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** When the row last changed. */
  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
