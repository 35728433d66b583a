package io.lega.hub.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A row of {@code submission_checksums}: one checksum of a submitted file. */
@Entity
@Table(name = "submission_checksums")
@IdClass(SubmissionChecksumEntity.Key.class)
public class SubmissionChecksumEntity {

  @Id
  @Column(name = "submission_id")
  public UUID submissionId;

  /** {@code encrypted} (the file as uploaded) or {@code decrypted} (its plaintext). */
  @Id public String source;

  /** {@code sha256} or {@code md5}. */
  @Id public String type;

  @Column(nullable = false)
  public String value;

  /** The composite primary key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    public UUID submissionId;
    public String source;
    public String type;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(submissionId, key.submissionId)
          && Objects.equals(source, key.source)
          && Objects.equals(type, key.type);
    }

    @Override
    public int hashCode() {
      return Objects.hash(submissionId, source, type);
    }
  }
}
