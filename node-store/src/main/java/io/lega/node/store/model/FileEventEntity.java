package io.lega.node.store.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code file_events}: one thing that happened to a file. Append-only: rows are inserted
 * by {@code FileRepository.recordEvent} and never changed ({@link Immutable}); their order is the
 * order of {@link #id}.
 */
@Entity
@Table(name = "file_events")
@Immutable
public class FileEventEntity {

  /** Increasing: the order events were recorded in. */
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** The file. */
  @Column(name = "file_id", nullable = false)
  public UUID fileId;

  /** What happened. */
  @Convert(converter = FileEvent.Converter.class)
  @Column(name = "event", nullable = false)
  public FileEvent event;

  /** The service or user that caused it. */
  @Column(name = "actor", nullable = false)
  public String actor;

  /** Why, for {@code error} and {@code disabled}. */
  @Column(name = "reason")
  public String reason;

  /** The message that caused it (JSON), if any. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "message")
  public String message;

  /** When it was recorded. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
