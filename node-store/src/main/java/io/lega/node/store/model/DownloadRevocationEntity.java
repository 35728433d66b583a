package io.lega.node.store.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A row of {@code download_revocations}: the hub revoked this user's access to this dataset ({@code
 * permission.deleted}) and has not granted it again since. Written by {@code RevocationRepository}.
 */
@Entity
@Table(name = "download_revocations")
@IdClass(DownloadRevocationEntity.Key.class)
@Immutable
public class DownloadRevocationEntity {

  /** The hub's username: the {@code sub} of the Passports the hub issues. */
  @Id
  @Column(name = "username", nullable = false)
  public String username;

  /** The dataset's stable id (EGAD...). */
  @Id
  @Column(name = "dataset_id", nullable = false)
  public String datasetId;

  /** When the node received the revocation. */
  @Column(name = "revoked_at", nullable = false)
  public Instant revokedAt;

  /** The message that revoked it (JSON). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "message")
  public String message;

  /** The primary key: user and dataset. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    public String username;
    public String datasetId;

    public Key() {}

    public Key(String username, String datasetId) {
      this.username = username;
      this.datasetId = datasetId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key that
          && Objects.equals(username, that.username)
          && Objects.equals(datasetId, that.datasetId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(username, datasetId);
    }
  }
}
