package io.lega.node.store.model;

import io.lega.contracts.ChecksumType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code checksums}: one checksum of one file, from one source. Written once by {@code
 * FileRepository.storeChecksums}, never changed.
 */
@Entity
@Table(name = "checksums")
@Immutable
public class ChecksumEntity {

  /** File, source and type: the primary key. */
  @EmbeddedId public Key id;

  /** Lower-case hex. */
  @Column(name = "value", nullable = false)
  public String value;

  /** When it was stored. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /**
   * The primary key: file, source and type.
   *
   * @param fileId the file
   * @param source which bytes
   * @param type the algorithm
   */
  @Embeddable
  public record Key(
      @Column(name = "file_id") UUID fileId,
      @Convert(converter = ChecksumSource.Converter.class) @Column(name = "source")
          ChecksumSource source,
      @Convert(converter = ChecksumTypeConverter.class) @Column(name = "type") ChecksumType type)
      implements Serializable {}
}
