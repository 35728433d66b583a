package io.lega.hub.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code user_ssh_keys}: one OpenSSH public key of a user. */
@Entity
@Table(name = "user_ssh_keys")
public class SshKeyEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "user_id", nullable = false, updatable = false)
  public Long userId;

  /** {@code ssh-ed25519}, {@code ssh-rsa}, {@code ecdsa-sha2-nistp256}, ... */
  @Column(name = "key_type", nullable = false)
  public String keyType;

  /** The key as an {@code authorized_keys} line: type, base64 blob, optional comment. */
  @Column(name = "public_key", nullable = false)
  public String publicKey;

  /** {@code SHA256:<base64>}, as {@code ssh-keygen -l} prints it. */
  @Column(nullable = false)
  public String fingerprint;

  @Column(name = "created_at", nullable = false, updatable = false)
  public Instant createdAt;
}
