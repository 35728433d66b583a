package io.lega.hub.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of {@code users}: one person of the federation. Never deleted, only disabled. */
@Entity
@Table(name = "users")
public class UserEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(nullable = false, unique = true, updatable = false)
  public String username;

  @Column(nullable = false)
  public String email;

  /** bcrypt, or {@code null} for no password login. */
  @Column(name = "password_hash")
  public String passwordHash;

  @JdbcTypeCode(SqlTypes.ARRAY)
  @Column(nullable = false)
  public String[] roles;

  @Column(nullable = false)
  public boolean enabled;

  /**
   * Send {@code ingest} as soon as the user's upload is reported: {@code null} follows {@code
   * lega.hub.ingest-on-upload}, {@code true} and {@code false} override it.
   */
  @Column(name = "ingest_on_upload")
  public Boolean ingestOnUpload;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
