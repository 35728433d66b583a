package io.lega.hub.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A row of {@code dac_members}: a user (with the {@code dac} role) who sits on a DAC. */
@Entity
@Table(name = "dac_members")
@IdClass(DacMemberEntity.Key.class)
public class DacMemberEntity {

  @Id
  @Column(name = "dac_id")
  public String dacId;

  @Id public String username;

  @Column(name = "added_at", nullable = false, updatable = false)
  public Instant addedAt;

  /** The primary key: DAC and member. */
  public static class Key implements Serializable {
    public String dacId;
    public String username;

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(dacId, key.dacId)
          && Objects.equals(username, key.username);
    }

    @Override
    public int hashCode() {
      return Objects.hash(dacId, username);
    }
  }
}
