package io.lega.node.store;

import io.lega.node.store.model.DownloadRevocationEntity;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Revoked grants, {@code download_revocations}: what the download service refuses although a
 * Passport still names the dataset. Transactions and threads: as {@link FileRepository}.
 */
@ApplicationScoped
public class RevocationRepository
    implements PanacheRepositoryBase<DownloadRevocationEntity, DownloadRevocationEntity.Key> {

  /**
   * Records that the hub revoked {@code username}'s access to {@code datasetId}, effective now.
   * Idempotent: a revocation recorded already keeps its first time.
   *
   * @param messageJson the {@code permission.deleted} message, or {@code null}
   * @return whether this call recorded it ({@code false}: recorded already)
   */
  @WithTransaction
  public Uni<Boolean> revoke(String username, String datasetId, String messageJson) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(datasetId, "datasetId");
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        INSERT INTO download_revocations (username, dataset_id, message)
                        VALUES (:username, :datasetId, CAST(CAST(:message AS TEXT) AS JSONB))
                        ON CONFLICT (username, dataset_id) DO NOTHING
                        """)
                    .bind("username", username)
                    .bind("datasetId", datasetId)
                    .bind("message", messageJson)
                    .update(session))
        .map(changed -> changed > 0);
  }

  /**
   * Lifts a revocation: the hub granted the access again ({@code permission}). Idempotent.
   *
   * @return whether a revocation was lifted ({@code false}: there was none)
   */
  @WithTransaction
  public Uni<Boolean> lift(String username, String datasetId) {
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        DELETE FROM download_revocations
                         WHERE username = :username AND dataset_id = :datasetId
                        """)
                    .bind("username", username)
                    .bind("datasetId", datasetId)
                    .update(session))
        .map(changed -> changed > 0);
  }

  /**
   * When each of these datasets was revoked for {@code username}; datasets without a revocation are
   * absent.
   */
  @WithSession
  public Uni<Map<String, Instant>> revokedAt(String username, Collection<String> datasetIds) {
    if (datasetIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return find("username = ?1 and datasetId in ?2", username, List.copyOf(datasetIds))
        .list()
        .map(
            rows ->
                rows.stream()
                    .collect(
                        Collectors.toMap(
                            (DownloadRevocationEntity row) -> row.datasetId,
                            row -> row.revokedAt)));
  }
}
