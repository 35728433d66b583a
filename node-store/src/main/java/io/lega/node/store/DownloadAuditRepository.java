package io.lega.node.store;

import io.lega.node.store.model.DownloadAuditEntity;
import io.lega.node.store.model.DownloadOutcome;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;

/**
 * The download audit trail, {@code download_audit}: a row when a download starts ({@code started}),
 * finished once with what was sent and how it ended. Transactions and threads: as {@link
 * FileRepository}.
 */
@ApplicationScoped
public class DownloadAuditRepository implements PanacheRepositoryBase<DownloadAuditEntity, Long> {

  /**
   * Records that a download starts. Not idempotent: every request is a row of its own.
   *
   * @return the row's id, for {@link #finish}
   * @throws UnknownFileException (as the Uni's failure) if there is no such file
   */
  @WithTransaction
  public Uni<Long> start(DownloadStart download) {
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        INSERT INTO download_audit (file_id, dataset_id, username, client_address,
                                                    range_start, range_end, ranges, outcome)
                        VALUES (:fileId, CAST(:datasetId AS BIGINT), :username,
                                CAST(:clientAddress AS TEXT), CAST(:rangeStart AS BIGINT),
                                CAST(:rangeEnd AS BIGINT), CAST(:ranges AS TEXT), 'started')
                        RETURNING id
                        """)
                    .bind("fileId", download.fileId())
                    .bind("datasetId", download.datasetId())
                    .bind("username", download.username())
                    .bind("clientAddress", download.clientAddress())
                    .bind("rangeStart", download.rangeStart())
                    .bind("rangeEnd", download.rangeEnd())
                    .bind("ranges", download.ranges())
                    .singleOrNull(session, Long.class))
        .onFailure(Violations.of("download_audit_file_id_fkey"))
        .transform(e -> new UnknownFileException(download.fileId(), e));
  }

  /**
   * Records a refused request for an id that names no file of this node (outcome {@code denied},
   * nothing sent): who asked for what. Not idempotent: every request is a row of its own.
   *
   * @param requestedId the id asked for, as given (at most 256 characters are kept)
   * @param username who asked
   * @param reason why it was refused
   * @return the row's id
   */
  @WithTransaction
  public Uni<Long> deniedUnknown(String requestedId, String username, String reason) {
    Objects.requireNonNull(requestedId, "requestedId");
    Objects.requireNonNull(username, "username");
    String kept = requestedId.length() > 256 ? requestedId.substring(0, 256) : requestedId;
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        INSERT INTO download_audit (requested_id, username, outcome, reason,
                                                    finished_at)
                        VALUES (:requestedId, :username, 'denied', CAST(:reason AS TEXT), now())
                        RETURNING id
                        """)
                    .bind("requestedId", kept)
                    .bind("username", username)
                    .bind("reason", reason)
                    .singleOrNull(session, Long.class));
  }

  /**
   * Records how a download ended. Idempotent: only the first call for a row counts; later ones
   * change nothing.
   *
   * @param id the row, from {@link #start}
   * @param bytesSent how many bytes were sent
   * @param outcome {@code completed}, {@code failed} or {@code denied}
   * @param reason why it failed or was denied, or {@code null}
   * @return {@code true} if this call finished the row, {@code false} if it was finished already or
   *     does not exist
   */
  @WithTransaction
  public Uni<Boolean> finish(long id, long bytesSent, DownloadOutcome outcome, String reason) {
    Objects.requireNonNull(outcome, "outcome");
    if (outcome == DownloadOutcome.STARTED) {
      throw new IllegalArgumentException("a download cannot finish as started");
    }
    if (bytesSent < 0) {
      throw new IllegalArgumentException("negative byte count " + bytesSent);
    }
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        UPDATE download_audit
                           SET bytes_sent = :bytes, outcome = :outcome,
                               reason = CAST(:reason AS TEXT), finished_at = now()
                         WHERE id = :id AND finished_at IS NULL
                        """)
                    .bind("id", id)
                    .bind("bytes", bytesSent)
                    .bind("outcome", outcome.value())
                    .bind("reason", reason)
                    .update(session))
        .map(changed -> changed > 0);
  }

  /**
   * One page of a user's downloads, newest first.
   *
   * @param username who asked
   * @param page which page ({@code Page.of(index, size)})
   */
  @WithSession
  public Uni<List<DownloadAuditEntity>> ofUser(String username, Page page) {
    return find("username = ?1 order by startedAt desc, id desc", username).page(page).list();
  }
}
