package io.lega.node.store.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code crypt4gh_keys}: one of the node's Crypt4GH public keys (the private halves are in
 * key files, never in the database). Written by {@code KeyRegistryRepository}.
 */
@Entity
@Table(name = "crypt4gh_keys")
@Immutable
public class Crypt4ghKeyEntity {

  /** The X25519 public key, 64 lower-case hex digits. */
  @Id
  @Column(name = "public_key_hex")
  public String publicKeyHex;

  /** What it is for. */
  @Convert(converter = KeyPurpose.Converter.class)
  @Column(name = "purpose", nullable = false)
  public KeyPurpose purpose;

  /** Free text for operators. */
  @Column(name = "description")
  public String description;

  /** When it was registered. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** When it stopped being used for new work; {@code null} while active. */
  @Column(name = "deprecated_at")
  public Instant deprecatedAt;
}
