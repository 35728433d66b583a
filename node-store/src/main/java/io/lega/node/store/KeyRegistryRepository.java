package io.lega.node.store;

import io.lega.node.store.model.Crypt4ghKeyEntity;
import io.lega.node.store.model.KeyPurpose;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The node's Crypt4GH public keys, {@code crypt4gh_keys}, by purpose. Several keys of a purpose may
 * be active at once (rotation); a deprecated key is no longer used for new work but stays known.
 * Transactions and threads: as {@link FileRepository}.
 */
@ApplicationScoped
public class KeyRegistryRepository implements PanacheRepositoryBase<Crypt4ghKeyEntity, String> {

  /**
   * Registers a public key for a purpose. Idempotent: a key registered already is left as it is
   * (description included) and returned.
   *
   * @param publicKeyHex the X25519 public key, 64 hex digits (stored in lower case)
   * @param purpose what it is for
   * @param description free text for operators, or {@code null}
   * @return the stored key
   * @throws IllegalArgumentException if the key is not 64 hex digits
   * @throws KeyPurposeConflictException (as the Uni's failure) if it is registered for the other
   *     purpose
   */
  @WithTransaction
  public Uni<Crypt4ghKeyEntity> register(
      String publicKeyHex, KeyPurpose purpose, String description) {
    Objects.requireNonNull(purpose, "purpose");
    String hex = normalize(publicKeyHex);
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        INSERT INTO crypt4gh_keys (public_key_hex, purpose, description)
                        VALUES (:hex, :purpose, CAST(:description AS TEXT))
                        ON CONFLICT (public_key_hex) DO NOTHING
                        """)
                    .bind("hex", hex)
                    .bind("purpose", purpose.value())
                    .bind("description", description)
                    .update(session))
        .chain(() -> findById(hex))
        .invoke(
            key -> {
              if (key.purpose != purpose) {
                throw new KeyPurposeConflictException(hex, key.purpose, purpose);
              }
            });
  }

  /**
   * The active (not deprecated) keys for a purpose, oldest first.
   *
   * @return the keys; empty if there are none
   */
  @WithSession
  public Uni<List<Crypt4ghKeyEntity>> active(KeyPurpose purpose) {
    return list("purpose = ?1 and deprecatedAt is null order by createdAt, publicKeyHex", purpose);
  }

  /**
   * Deprecates a key: it stays known but is no longer active. Idempotent.
   *
   * @return {@code true} if it was deprecated now, {@code false} if it was already or is unknown
   */
  @WithTransaction
  public Uni<Boolean> deprecate(String publicKeyHex) {
    String hex = normalize(publicKeyHex);
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        UPDATE crypt4gh_keys SET deprecated_at = now()
                         WHERE public_key_hex = :hex AND deprecated_at IS NULL
                        """)
                    .bind("hex", hex)
                    .update(session))
        .map(changed -> changed > 0);
  }

  private static String normalize(String publicKeyHex) {
    String hex = Objects.requireNonNull(publicKeyHex, "publicKeyHex").toLowerCase(Locale.ROOT);
    if (!hex.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("not a 32-byte public key in hex: " + publicKeyHex);
    }
    return hex;
  }
}
