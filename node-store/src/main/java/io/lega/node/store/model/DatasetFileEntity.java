package io.lega.node.store.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/** A row of {@code dataset_files}: a file belongs to a dataset. */
@Entity
@Table(name = "dataset_files")
@IdClass(DatasetFileEntity.Key.class)
@Immutable
public class DatasetFileEntity {

  /** The dataset ({@link DatasetEntity#id}). */
  @Id
  @Column(name = "dataset_id")
  public Long datasetId;

  /** The file ({@link FileEntity#id}). */
  @Id
  @Column(name = "file_id")
  public UUID fileId;

  /**
   * The primary key.
   *
   * @param datasetId the dataset
   * @param fileId the file
   */
  public record Key(Long datasetId, UUID fileId) implements Serializable {}
}
