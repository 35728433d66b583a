package io.lega.hub.repository;

import io.lega.contracts.Checksum;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The {@code submissions} and {@code submission_checksums} tables.
 *
 * <p>Reads go through Hibernate. Writes made for the nodes' messages are single SQL statements
 * ({@code INSERT ... ON CONFLICT}, conditional {@code UPDATE}s), so that two messages about the
 * same file handled at once, or the same message handled twice, cannot lose an update or create a
 * second row: PostgreSQL serializes them on the row. Each returns how many rows it changed. Run
 * inside a transaction (a {@code @WithTransaction} service method).
 *
 * <p>Ingestion and the nodes' reports change one submission at a time: they take it with {@link
 * #lockById} (a row lock held until the transaction ends, so two changes of one file never
 * interleave) and change the entity.
 */
@ApplicationScoped
public class SubmissionRepository implements PanacheRepositoryBase<SubmissionEntity, UUID> {

  /** States a file leaves for {@code removed} when it disappears from the inbox. */
  private static final String REMOVABLE = "('uploaded', 'error', 'cancelled')";

  /** One page of a user's submissions, newest first. */
  public Uni<List<SubmissionEntity>> pageOfUser(String username, int page, int size) {
    return find("username = ?1 order by createdAt desc, id", username)
        .page(Page.of(page, size))
        .list();
  }

  /** How many submissions a user has. */
  public Uni<Long> countOfUser(String username) {
    return count("username", username);
  }

  /** One page of the submissions in a state (every submission if {@code null}), newest first. */
  public Uni<List<SubmissionEntity>> pageOfState(String state, int page, int size) {
    return (state == null
            ? find("order by createdAt desc, id")
            : find("state = ?1 order by createdAt desc, id", state))
        .page(Page.of(page, size))
        .list();
  }

  /** How many submissions are in a state (every submission if {@code null}). */
  public Uni<Long> countOfState(String state) {
    return state == null ? count() : count("state", state);
  }

  /**
   * The submission with this id, read fresh from the database and locked ({@code SELECT ... FOR
   * UPDATE}) until the transaction ends; {@code null} if there is none.
   */
  public Uni<SubmissionEntity> lockById(UUID id) {
    return getSession()
        .flatMap(
            session ->
                session
                    .find(SubmissionEntity.class, id, LockModeType.PESSIMISTIC_WRITE)
                    .call(
                        found ->
                            found == null ? Uni.createFrom().voidItem() : session.refresh(found)));
  }

  /**
   * The submissions holding these accession ids, share-locked ({@code FOR SHARE}) until the
   * transaction ends: their state cannot change meanwhile.
   */
  public Uni<List<SubmissionEntity>> byAccessionIds(Collection<String> accessionIds) {
    if (accessionIds.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return find("accessionId in ?1", accessionIds).withLock(LockModeType.PESSIMISTIC_READ).list();
  }

  /** Whether a submission other than {@code id} holds this accession id. */
  public Uni<Boolean> accessionHeldByOther(String accessionId, UUID id) {
    return count("accessionId = ?1 and id <> ?2", accessionId, id).map(n -> n > 0);
  }

  /** The next file accession number: never handed out before, never again. */
  public Uni<Long> nextFileAccessionNumber() {
    return getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery("SELECT nextval('file_accession_numbers')", Long.class)
                    .getSingleResult());
  }

  /**
   * Records an upload: a new row in state {@code uploaded}, or, if the file is known (the same
   * message again, or a rename or removal that was handled first), its size and modification time
   * only; its path and state stay. An identical repeat changes nothing.
   */
  public Uni<Integer> upsertUpload(
      UUID id, String username, String filepath, Long filesize, OffsetDateTime lastModified) {
    return update(
        """
        INSERT INTO submissions (id, username, filepath, filesize, file_last_modified, state)
        VALUES (:id, :username, :filepath, CAST(:filesize AS BIGINT),
                CAST(:lastModified AS TIMESTAMPTZ), 'uploaded')
        ON CONFLICT (id) DO UPDATE
           SET filesize = EXCLUDED.filesize,
               file_last_modified = EXCLUDED.file_last_modified,
               updated_at = now()
         WHERE submissions.filesize IS DISTINCT FROM EXCLUDED.filesize
            OR submissions.file_last_modified IS DISTINCT FROM EXCLUDED.file_last_modified
        """,
        q ->
            q.setParameter("id", id)
                .setParameter("username", username)
                .setParameter("filepath", filepath)
                .setParameter("filesize", filesize)
                .setParameter("lastModified", lastModified));
  }

  /**
   * Sets some checksums of a file in one statement: each inserted, or replaced if its value
   * differs. Of two checksums of one type, the later wins.
   */
  public Uni<Void> putChecksums(UUID id, String source, List<Checksum> checksums) {
    Map<String, String> byType = new LinkedHashMap<>();
    checksums.forEach(checksum -> byType.put(checksum.type().jsonName(), checksum.value()));
    if (byType.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    StringJoiner rows = new StringJoiner(", ");
    for (int i = 0; i < byType.size(); i++) {
      rows.add("(:id, :source, :t%d, :v%d)".formatted(i, i));
    }
    List<Map.Entry<String, String>> values = List.copyOf(byType.entrySet());
    return update(
            "INSERT INTO submission_checksums (submission_id, source, type, value) VALUES "
                + rows
                + " ON CONFLICT (submission_id, source, type) DO UPDATE SET value = EXCLUDED.value"
                + " WHERE submission_checksums.value <> EXCLUDED.value",
            q -> {
              q.setParameter("id", id).setParameter("source", source);
              for (int i = 0; i < values.size(); i++) {
                q.setParameter("t" + i, values.get(i).getKey());
                q.setParameter("v" + i, values.get(i).getValue());
              }
              return q;
            })
        .replaceWithVoid();
  }

  /**
   * An upload replaced the user's file at that path: older uploads there (modified no later than
   * {@code lastModified}) that are still {@code uploaded} become {@code removed}.
   */
  public Uni<Integer> supersedeOlder(
      UUID id, String username, String filepath, OffsetDateTime lastModified) {
    return update(
        """
        UPDATE submissions SET state = 'removed', updated_at = now()
         WHERE username = :username AND filepath = :filepath AND id <> :id
           AND state = 'uploaded'
           AND file_last_modified <= CAST(:lastModified AS TIMESTAMPTZ)
        """,
        q ->
            q.setParameter("id", id)
                .setParameter("username", username)
                .setParameter("filepath", filepath)
                .setParameter("lastModified", lastModified));
  }

  /**
   * The opposite case: a newer upload at the same path was recorded first, so this file is gone
   * already; it becomes {@code removed} if it is still {@code uploaded}.
   */
  public Uni<Integer> removeIfNewerExists(
      UUID id, String username, String filepath, OffsetDateTime lastModified) {
    return update(
        """
        UPDATE submissions SET state = 'removed', updated_at = now()
         WHERE id = :id AND state = 'uploaded'
           AND EXISTS (SELECT 1 FROM submissions other
                        WHERE other.username = :username AND other.filepath = :filepath
                          AND other.id <> :id AND other.state = 'uploaded'
                          AND other.file_last_modified > CAST(:lastModified AS TIMESTAMPTZ))
        """,
        q ->
            q.setParameter("id", id)
                .setParameter("username", username)
                .setParameter("filepath", filepath)
                .setParameter("lastModified", lastModified));
  }

  /** Moves a known file to {@code filepath}; 1 if the file is known (moved or already there). */
  public Uni<Integer> renameById(UUID id, String filepath) {
    return update(
        """
        UPDATE submissions
           SET filepath = :filepath,
               updated_at = CASE WHEN filepath = :filepath THEN updated_at ELSE now() END
         WHERE id = :id
        """,
        q -> q.setParameter("id", id).setParameter("filepath", filepath));
  }

  /** The id of the user's newest file still present at {@code filepath}, or {@code null}. */
  public Uni<UUID> newestPresentAt(String username, String filepath) {
    return find(
            "username = ?1 and filepath = ?2 and state <> 'removed' order by createdAt desc, id",
            username,
            filepath)
        .firstResult()
        .map(found -> found == null ? null : found.id);
  }

  /**
   * A rename that arrived before its upload: the file is recorded at its new path, in state {@code
   * uploaded}, size unknown; the upload fills in the rest and keeps the path.
   */
  public Uni<Integer> insertRenamedAhead(UUID id, String username, String filepath) {
    return update(
        """
        INSERT INTO submissions (id, username, filepath, state)
        VALUES (:id, :username, :filepath, 'uploaded')
        ON CONFLICT (id) DO UPDATE SET filepath = EXCLUDED.filepath, updated_at = now()
         WHERE submissions.filepath <> EXCLUDED.filepath
        """,
        q ->
            q.setParameter("id", id)
                .setParameter("username", username)
                .setParameter("filepath", filepath));
  }

  /**
   * A file moved onto a path replaces what was there: the user's other files at {@code filepath}
   * that are still {@code uploaded} become {@code removed}.
   */
  public Uni<Integer> supersedeOthersAt(UUID id, String username, String filepath) {
    return update(
        """
        UPDATE submissions SET state = 'removed', updated_at = now()
         WHERE username = :username AND filepath = :filepath AND id <> :id
           AND state = 'uploaded'
        """,
        q ->
            q.setParameter("id", id)
                .setParameter("username", username)
                .setParameter("filepath", filepath));
  }

  /** A known file left the inbox: {@code removed}, unless it is already in the pipeline. */
  public Uni<Integer> markRemoved(UUID id) {
    return update(
        "UPDATE submissions SET state = 'removed', updated_at = now()"
            + " WHERE id = :id AND state IN "
            + REMOVABLE,
        q -> q.setParameter("id", id));
  }

  /** The user's newest removable file at {@code filepath} becomes {@code removed}. */
  public Uni<Integer> markNewestRemovedAt(String username, String filepath) {
    return update(
        "UPDATE submissions SET state = 'removed', updated_at = now()"
            + " WHERE id = (SELECT id FROM submissions"
            + " WHERE username = :username AND filepath = :filepath AND state IN "
            + REMOVABLE
            + " ORDER BY created_at DESC LIMIT 1)",
        q -> q.setParameter("username", username).setParameter("filepath", filepath));
  }

  /**
   * A removal that arrived before its upload: the file is recorded as {@code removed}; the upload
   * fills in its size and leaves the state.
   */
  public Uni<Integer> insertRemovedAhead(UUID id, String username, String filepath) {
    return update(
        "INSERT INTO submissions (id, username, filepath, state)"
            + " VALUES (:id, :username, :filepath, 'removed')"
            + " ON CONFLICT (id) DO UPDATE SET state = 'removed', updated_at = now()"
            + " WHERE submissions.state IN "
            + REMOVABLE,
        q ->
            q.setParameter("id", id)
                .setParameter("username", username)
                .setParameter("filepath", filepath));
  }

  /** Whether the user has a file at {@code filepath} that is not removed. */
  public Uni<Boolean> presentAt(String username, String filepath) {
    return count("username = ?1 and filepath = ?2 and state <> 'removed'", username, filepath)
        .map(n -> n > 0);
  }

  /** Whether a file with this id is recorded. */
  public Uni<Boolean> exists(UUID id) {
    return count("id", id).map(n -> n > 0);
  }

  private Uni<Integer> update(String sql, Function<Mutiny.Query<Object>, Object> parameters) {
    return getSession()
        .flatMap(
            session -> {
              Mutiny.Query<Object> query = session.createNativeQuery(sql);
              parameters.apply(query);
              return query.executeUpdate();
            });
  }
}
