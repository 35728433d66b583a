package io.lega.hub.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A row of {@code dataset_files}: one file (by accession id) of a dataset. */
@Entity
@Table(name = "dataset_files")
@IdClass(DatasetFileEntity.Key.class)
public class DatasetFileEntity {

  @Id
  @Column(name = "dataset_id")
  public String datasetId;

  @Id
  @Column(name = "accession_id")
  public String accessionId;

  /** Its place in the mapping's {@code accession_ids}, from 0. */
  @Column(nullable = false)
  public int position;

  /** The composite primary key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    public String datasetId;
    public String accessionId;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(datasetId, key.datasetId)
          && Objects.equals(accessionId, key.accessionId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(datasetId, accessionId);
    }
  }
}
