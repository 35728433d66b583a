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
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code dataset_events}: one thing that happened to a dataset. Append-only, ordered by
 * {@link #id}, like {@link FileEventEntity}.
 */
@Entity
@Table(name = "dataset_events")
@Immutable
public class DatasetEventEntity {

  /** Increasing: the order events were recorded in. */
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** The dataset ({@link DatasetEntity#id}). */
  @Column(name = "dataset_id", nullable = false)
  public Long datasetId;

  /** What happened. */
  @Convert(converter = DatasetEvent.Converter.class)
  @Column(name = "event", nullable = false)
  public DatasetEvent event;

  /** The message that caused it (JSON), if any. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "message")
  public String message;

  /** When it was recorded. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
