package io.lega.node.store;

import io.lega.contracts.ChecksumType;
import io.lega.node.store.model.ChecksumEntity;
import io.lega.node.store.model.ChecksumSource;
import io.lega.node.store.model.FileEntity;
import io.lega.node.store.model.FileEvent;
import io.lega.node.store.model.FileEventEntity;
import io.lega.node.store.model.FileState;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * The file aggregate: {@code files}, with its {@code file_events} and {@code checksums}.
 *
 * <p>Every write is a statement of its own ({@code INSERT ... ON CONFLICT}, conditional {@code
 * UPDATE}); a file's state changes only together with a new event ({@link #recordEvent}). Write
 * methods run in the caller's transaction, or in one of their own if there is none ({@link
 * WithTransaction}); read methods likewise join the caller's session. Call them on a Vert.x context
 * (a REST method, or {@code VertxContextSupport.subscribeAndAwait} from a broker thread).
 *
 * <p>A "live" file is one still in the pipeline: a user has at most one live file per inbox path
 * (not {@code ready}, {@code error} or {@code disabled}), and at most one live file has a given
 * data key (not {@code error} or {@code disabled}), as the schema's unique indexes say.
 */
@ApplicationScoped
public class FileRepository implements PanacheRepositoryBase<FileEntity, UUID> {

  /** States in which a file no longer holds its inbox path. */
  private static final List<FileState> NOT_LIVE_AT_PATH =
      List.of(FileState.READY, FileState.ERROR, FileState.DISABLED);

  /** States in which a file no longer holds its data key. */
  private static final List<FileState> NOT_LIVE_FOR_DATA_KEY =
      List.of(FileState.ERROR, FileState.DISABLED);

  /** The same lists as SQL, for native statements: {@code ('ready', 'error', 'disabled')}. */
  private static final String NOT_LIVE_AT_PATH_SQL = sqlList(NOT_LIVE_AT_PATH);

  private static final String NOT_LIVE_FOR_DATA_KEY_SQL = sqlList(NOT_LIVE_FOR_DATA_KEY);

  private static final String LIVE_INBOX_PATH = "files_live_inbox_path";
  private static final String LIVE_DATA_KEY = "files_live_data_key";
  private static final String ACCESSION_ID = "files_accession_id_key";
  private static final String CHECKSUM_FILE = "checksums_file_id_fkey";

  /**
   * Registers a new file, with its first event ({@code registered} or {@code uploaded}), which is
   * also its state. Idempotent: if a file with this id exists, nothing changes and it is returned
   * as it is.
   *
   * @param file the file
   * @param firstEvent {@link FileEvent#REGISTERED} or {@link FileEvent#UPLOADED}
   * @param actor the service registering it
   * @param messageJson the message that caused it (a JSON object), or {@code null}
   * @return the stored file
   * @throws InboxPathInUseException (as the Uni's failure) if another live file of the user is at
   *     that path
   */
  @WithTransaction
  public Uni<FileEntity> register(
      NewFile file, FileEvent firstEvent, String actor, String messageJson) {
    if (firstEvent != FileEvent.REGISTERED && firstEvent != FileEvent.UPLOADED) {
      throw new IllegalArgumentException("a file starts registered or uploaded, not " + firstEvent);
    }
    Objects.requireNonNull(actor, "actor");
    MessageJson.object(messageJson);
    return findById(file.id())
        .chain(
            known ->
                known != null
                    ? Uni.createFrom().item(known)
                    : registerNew(file, firstEvent, actor, messageJson));
  }

  private Uni<FileEntity> registerNew(
      NewFile file, FileEvent firstEvent, String actor, String messageJson) {
    return insertNew(file, firstEvent, actor, messageJson)
        .chain(inserted -> inserted ? findById(file.id()) : afterConcurrentInsert(file));
  }

  /**
   * Inserts the file and its first event; {@code false} if a committed row was in the way (this id,
   * or another live file of the user at the path: {@link #afterConcurrentInsert} tells which).
   */
  private Uni<Boolean> insertNew(
      NewFile file, FileEvent firstEvent, String actor, String messageJson) {
    return insertFile(file, firstEvent.state())
        .chain(
            inserted ->
                inserted > 0
                    ? appendEvent(file.id(), firstEvent, actor, null, messageJson).replaceWith(true)
                    : Uni.createFrom().item(false))
        .onFailure(Violations.of(LIVE_INBOX_PATH))
        .transform(e -> new InboxPathInUseException(file.user(), file.inboxPath(), null, e));
  }

  /**
   * Nothing was inserted: a concurrent transaction committed a row first, either this file (the
   * same id, registered by a concurrent call) or another live file at the path.
   */
  private Uni<FileEntity> afterConcurrentInsert(NewFile file) {
    return findById(file.id())
        .chain(
            same ->
                same != null
                    ? Uni.createFrom().item(same)
                    : findLive(file.user(), file.inboxPath())
                        .map(
                            other -> {
                              throw new InboxPathInUseException(
                                  file.user(),
                                  file.inboxPath(),
                                  other == null ? null : other.id,
                                  null);
                            }));
  }

  /**
   * Inserts the row unless any unique index already holds a committed conflicting one (the id, or
   * the user's live file at the path): conflicts are waited for and then skipped, never raised, as
   * a raised one would abort the transaction.
   *
   * @return rows inserted (0 or 1)
   */
  private Uni<Integer> insertFile(NewFile file, FileState state) {
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        INSERT INTO files (id, submission_user, inbox_path, inbox_size,
                                           inbox_last_modified, state)
                        VALUES (:id, :user, :path, CAST(:size AS BIGINT),
                                CAST(:modified AS TIMESTAMPTZ), :state)
                        ON CONFLICT DO NOTHING
                        """)
                    .bind("id", file.id())
                    .bind("user", file.user())
                    .bind("path", file.inboxPath())
                    .bind("size", file.inboxSize())
                    .bind("modified", Times.utc(file.inboxLastModified()))
                    .bind("state", state.value())
                    .update(session));
  }

  /**
   * The user's live file at an inbox path: the one not {@code ready}, {@code error} or {@code
   * disabled}.
   *
   * @return the file, or {@code null} if there is none
   */
  @WithSession
  public Uni<FileEntity> findLive(String user, String inboxPath) {
    return getSession()
        .chain(
            session ->
                Sql.of(
                        "SELECT * FROM files WHERE submission_user = :user AND inbox_path = :path"
                            + " AND state NOT IN "
                            + NOT_LIVE_AT_PATH_SQL
                            + " LIMIT 1")
                    .bind("user", user)
                    .bind("path", inboxPath)
                    .singleOrNull(session, FileEntity.class));
  }

  /**
   * The live file (not {@code error} or {@code disabled}) with this data key: the earlier
   * submission of the same encrypted file.
   *
   * @return the file, or {@code null} if there is none
   */
  @WithSession
  public Uni<FileEntity> findLiveByDataKey(String dataKeySha256) {
    return getSession()
        .chain(
            session ->
                Sql.of(
                        "SELECT * FROM files WHERE data_key_sha256 = :key AND state NOT IN "
                            + NOT_LIVE_FOR_DATA_KEY_SQL
                            + " LIMIT 1")
                    .bind("key", dataKeySha256)
                    .singleOrNull(session, FileEntity.class));
  }

  /**
   * The file with this accession id.
   *
   * @return the file, or {@code null} if there is none
   */
  @WithSession
  public Uni<FileEntity> findByAccessionId(String accessionId) {
    return find("accessionId", accessionId).firstResult();
  }

  /**
   * Records that something happened to a file: appends a {@code file_events} row and sets the
   * file's state to the event's, in one transaction. The file's row is locked first ({@code SELECT
   * ... FOR UPDATE}), so concurrent calls for one file take turns and the latest event (by id) and
   * the state always agree.
   *
   * <p>Idempotent for a repeated message: if the file's latest event is this one, with the same
   * actor, reason and message, nothing is recorded.
   *
   * @param fileId the file
   * @param event what happened
   * @param actor the service or user that caused it
   * @param reason why, for {@code error} and {@code disabled}; else usually {@code null}
   * @param messageJson the message that caused it (a JSON object), or {@code null}
   * @return {@code true} if recorded, {@code false} if it repeated the latest event
   * @throws UnknownFileException (as the Uni's failure) if there is no such file
   * @throws InboxPathInUseException if the event makes the file live again at a path another file
   *     holds now
   * @throws DuplicateDataKeyException if it makes the file live again while another file holds its
   *     data key
   */
  @WithTransaction
  public Uni<Boolean> recordEvent(
      UUID fileId, FileEvent event, String actor, String reason, String messageJson) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(actor, "actor");
    MessageJson.object(messageJson);
    return findById(fileId, LockModeType.PESSIMISTIC_WRITE)
        .chain(
            file -> {
              if (file == null) {
                throw new UnknownFileException(fileId);
              }
              return appendLocked(
                  fileId,
                  file.submissionUser,
                  file.inboxPath,
                  new NewEvent(event, actor, reason, messageJson));
            });
  }

  /**
   * Appends the event to a file whose row this transaction has locked (or inserted), turning the
   * unique indexes' violations into their typed exceptions.
   *
   * @return whether it was recorded ({@code false}: it repeated the latest event)
   */
  private Uni<Boolean> appendLocked(UUID fileId, String user, String inboxPath, NewEvent event) {
    return appendEvent(fileId, event.event(), event.actor(), event.reason(), event.messageJson())
        .map(inserted -> inserted > 0)
        .onFailure(Violations.of(LIVE_INBOX_PATH))
        .transform(e -> new InboxPathInUseException(user, inboxPath, null, e))
        .onFailure(Violations.of(LIVE_DATA_KEY))
        .transform(e -> new DuplicateDataKeyException(fileId, e));
  }

  /**
   * {@link #recordEvent(UUID, FileEvent, String, String, String)} for an event given as a value.
   */
  @WithTransaction
  public Uni<Boolean> recordEvent(UUID fileId, NewEvent event) {
    return recordEvent(fileId, event.event(), event.actor(), event.reason(), event.messageJson());
  }

  /**
   * A state transition, in one transaction under the file row's lock ({@code SELECT ... FOR
   * UPDATE}): if the file is in one of {@code allowedFrom}, makes the writes and records the event;
   * otherwise changes nothing. Concurrent transitions of one file take turns, and each sees the
   * state the one before left.
   *
   * @param allowedFrom the states the transition starts from
   * @param event the event to record (it sets the state)
   * @param writes what to write on the file with it ({@link FileWrites#NONE} for nothing)
   * @return the file's state before: in {@code allowedFrom} if this call made the transition
   * @throws UnknownFileException (as the Uni's failure) if there is no such file
   * @throws DuplicateDataKeyException, ChecksumConflictException, AccessionIdTakenException,
   *     AccessionIdMismatchException as the writes' methods do (nothing is written then)
   */
  @WithTransaction
  public Uni<FileState> transition(
      UUID fileId, Set<FileState> allowedFrom, NewEvent event, FileWrites writes) {
    Objects.requireNonNull(event, "event");
    return underLock(fileId, allowedFrom, writes, event);
  }

  /**
   * As {@link #transition}, without an event: the writes are made, under the row's lock, only if
   * the file is in one of {@code allowedIn}.
   *
   * @return the file's state: in {@code allowedIn} if this call wrote
   */
  @WithTransaction
  public Uni<FileState> write(UUID fileId, Set<FileState> allowedIn, FileWrites writes) {
    return underLock(fileId, allowedIn, writes, null);
  }

  /**
   * Registers the file if it is new (with {@code firstEvent}, as {@link #register}), then makes the
   * transition to {@code event} if its state is in {@code allowedFrom}, in one transaction under
   * the row's lock: a file another delivery took further meanwhile is never set back.
   *
   * @return the file's state before the transition (its first state if this call registered it)
   * @throws InboxPathInUseException (as the Uni's failure) if another live file of the user is at
   *     that path
   * @throws DuplicateDataKeyException if the event makes the file live again while another file
   *     holds its data key
   */
  @WithTransaction
  public Uni<FileState> claim(
      NewFile file, FileEvent firstEvent, Set<FileState> allowedFrom, NewEvent event) {
    if (firstEvent != FileEvent.REGISTERED && firstEvent != FileEvent.UPLOADED) {
      throw new IllegalArgumentException("a file starts registered or uploaded, not " + firstEvent);
    }
    return findById(file.id(), LockModeType.PESSIMISTIC_WRITE)
        .chain(
            current ->
                current != null
                    ? Uni.createFrom().item(current.state)
                    : insertNew(file, firstEvent, event.actor(), event.messageJson())
                        .chain(
                            inserted ->
                                inserted
                                    ? Uni.createFrom().item(firstEvent.state())
                                    : lockedStateAfterConcurrentInsert(file)))
        .chain(
            before ->
                allowedFrom.contains(before)
                    ? appendLocked(file.id(), file.user(), file.inboxPath(), event)
                        .replaceWith(before)
                    : Uni.createFrom().item(before));
  }

  /**
   * A concurrent transaction registered the file first: its state, read under the row's lock; or
   * {@link InboxPathInUseException} if the row in the way was another live file at the path.
   */
  private Uni<FileState> lockedStateAfterConcurrentInsert(NewFile file) {
    return findById(file.id(), LockModeType.PESSIMISTIC_WRITE)
        .chain(
            same ->
                same != null
                    ? Uni.createFrom().item(same.state)
                    : afterConcurrentInsert(file).map(registered -> registered.state));
  }

  private Uni<FileState> underLock(
      UUID fileId, Set<FileState> allowedFrom, FileWrites writes, NewEvent event) {
    return findById(fileId, LockModeType.PESSIMISTIC_WRITE)
        .chain(
            file -> {
              if (file == null) {
                throw new UnknownFileException(fileId);
              }
              FileState before = file.state;
              if (!allowedFrom.contains(before)) {
                return Uni.createFrom().item(before);
              }
              Uni<?> written = apply(fileId, writes);
              if (event != null) {
                written =
                    written.chain(
                        () -> appendLocked(fileId, file.submissionUser, file.inboxPath, event));
              }
              return written.replaceWith(before);
            });
  }

  /** Makes the writes, in {@link FileWrites}' order. */
  private Uni<Void> apply(UUID fileId, FileWrites writes) {
    Uni<Void> work = Uni.createFrom().voidItem();
    if (writes.archive() != null) {
      work = work.chain(() -> setArchiveInfo(fileId, writes.archive()));
    }
    if (!writes.checksums().isEmpty()) {
      work = work.chain(() -> storeChecksums(fileId, writes.checksums()));
    }
    if (writes.decryptedSize() != null) {
      work = work.chain(() -> setDecryptedSize(fileId, writes.decryptedSize()));
    }
    if (writes.accessionId() != null) {
      work = work.chain(() -> setAccessionId(fileId, writes.accessionId()));
    }
    return work;
  }

  /**
   * Sets the state and inserts the event, unless the latest event is the same: one statement, so
   * that both happen or neither.
   */
  private Uni<Integer> appendEvent(
      UUID fileId, FileEvent event, String actor, String reason, String messageJson) {
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        WITH latest AS (
                          SELECT event, actor, reason, message FROM file_events
                           WHERE file_id = :id ORDER BY id DESC LIMIT 1),
                        changed AS (
                          UPDATE files SET state = :event, updated_at = now()
                           WHERE id = :id
                             AND NOT EXISTS (
                               SELECT 1 FROM latest
                                WHERE latest.event = :event AND latest.actor = :actor
                                  AND latest.reason IS NOT DISTINCT FROM CAST(:reason AS TEXT)
                                  AND latest.message IS NOT DISTINCT FROM CAST(CAST(:message AS TEXT) AS JSONB))
                          RETURNING id)
                        INSERT INTO file_events (file_id, event, actor, reason, message)
                        SELECT id, :event, :actor, CAST(:reason AS TEXT), CAST(CAST(:message AS TEXT) AS JSONB)
                          FROM changed
                        """)
                    .bind("id", fileId)
                    .bind("event", event.value())
                    .bind("actor", actor)
                    .bind("reason", reason)
                    .bind("message", messageJson)
                    .update(session));
  }

  /**
   * A file's events, oldest first. There is no way to change or remove one.
   *
   * @return the events, ordered by id
   */
  @WithSession
  public Uni<List<FileEventEntity>> events(UUID fileId) {
    return getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "from FileEventEntity where fileId = ?1 order by id", FileEventEntity.class)
                    .setParameter(1, fileId)
                    .getResultList());
  }

  /**
   * The message of the file's latest {@code event} that has one.
   *
   * @return the message (a JSON object's text), or {@code null} if there is none
   */
  @WithSession
  public Uni<String> latestMessage(UUID fileId, FileEvent event) {
    return getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "select message from FileEventEntity where fileId = ?1 and event = ?2"
                            + " and message is not null order by id desc",
                        String.class)
                    .setParameter(1, fileId)
                    .setParameter(2, event)
                    .getResultList()) // no limit: Hibernate would translate the query again each
        // time
        .map(messages -> messages.isEmpty() ? null : messages.get(0));
  }

  /**
   * Stores a file's checksums from one source. Idempotent: a value stored already is left as it is.
   * All or nothing: if any type already has a different value, nothing is stored.
   *
   * @param fileId the file
   * @param source which bytes they are of
   * @param values hex values by type (upper case is accepted and stored in lower case)
   * @throws IllegalArgumentException if a value is not hex of the type's length
   * @throws ChecksumConflictException (as the Uni's failure) if a type has a different value
   * @throws UnknownFileException if there is no such file
   */
  @WithTransaction
  public Uni<Void> storeChecksums(
      UUID fileId, ChecksumSource source, Map<ChecksumType, String> values) {
    return storeChecksums(fileId, Map.of(source, values));
  }

  /**
   * {@link #storeChecksums(UUID, ChecksumSource, Map)} for several sources at once: one {@code
   * INSERT} and one read of what is stored, all or nothing.
   */
  private Uni<Void> storeChecksums(
      UUID fileId, Map<ChecksumSource, Map<ChecksumType, String>> bySource) {
    Map<ChecksumSource, Map<ChecksumType, String>> normalized = new EnumMap<>(ChecksumSource.class);
    bySource.forEach((source, values) -> normalized.put(source, normalize(values)));
    List<Object[]> rows = new ArrayList<>();
    normalized.forEach(
        (source, values) ->
            values.forEach(
                (type, value) -> rows.add(new Object[] {source.value(), type.jsonName(), value})));
    if (rows.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    StringJoiner values = new StringJoiner(", ");
    for (int i = 0; i < rows.size(); i++) {
      values.add("(:id, :s%d, :t%d, :v%d)".formatted(i, i, i));
    }
    Sql statement =
        Sql.of(
                "INSERT INTO checksums (file_id, source, type, value) VALUES "
                    + values
                    + " ON CONFLICT (file_id, source, type) DO NOTHING")
            .bind("id", fileId);
    for (int i = 0; i < rows.size(); i++) {
      statement.bind("s" + i, rows.get(i)[0]).bind("t" + i, rows.get(i)[1]);
      statement.bind("v" + i, rows.get(i)[2]);
    }
    return getSession()
        .chain(statement::update)
        .chain(() -> allChecksums(fileId))
        .invoke(
            stored ->
                normalized.forEach(
                    (source, offered) ->
                        requireSame(
                            fileId, source, stored.getOrDefault(source, Map.of()), offered)))
        .replaceWithVoid()
        .onFailure(Violations.of(CHECKSUM_FILE))
        .transform(e -> new UnknownFileException(fileId, e));
  }

  private static Map<ChecksumType, String> normalize(Map<ChecksumType, String> values) {
    Map<ChecksumType, String> normalized = new EnumMap<>(ChecksumType.class);
    values.forEach(
        (type, value) -> {
          String hex = value.toLowerCase(Locale.ROOT);
          if (hex.length() != type.hexLength() || !hex.matches("[0-9a-f]+")) {
            throw new IllegalArgumentException("not a " + type.jsonName() + " hex value: " + value);
          }
          normalized.put(type, hex);
        });
    return normalized;
  }

  /** Every checksum of the file: hex values by type, by source. */
  private Uni<Map<ChecksumSource, Map<ChecksumType, String>>> allChecksums(UUID fileId) {
    return getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "from ChecksumEntity where id.fileId = ?1", ChecksumEntity.class)
                    .setParameter(1, fileId)
                    .getResultList())
        .map(
            rows -> {
              Map<ChecksumSource, Map<ChecksumType, String>> bySource =
                  new EnumMap<>(ChecksumSource.class);
              rows.forEach(
                  stored ->
                      bySource
                          .computeIfAbsent(
                              stored.id.source(), source -> new EnumMap<>(ChecksumType.class))
                          .put(stored.id.type(), stored.value));
              return bySource;
            });
  }

  private static void requireSame(
      UUID fileId,
      ChecksumSource source,
      Map<ChecksumType, String> stored,
      Map<ChecksumType, String> offered) {
    offered.forEach(
        (type, value) -> {
          if (!value.equals(stored.get(type))) {
            throw new ChecksumConflictException(fileId, source, type, stored.get(type), value);
          }
        });
  }

  /**
   * A file's checksums from one source.
   *
   * @return hex values by type; empty if none are stored
   */
  @WithSession
  public Uni<Map<ChecksumType, String>> checksums(UUID fileId, ChecksumSource source) {
    return getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "from ChecksumEntity where id.fileId = ?1 and id.source = ?2",
                        ChecksumEntity.class)
                    .setParameter(1, fileId)
                    .setParameter(2, source)
                    .getResultList())
        .map(
            rows -> {
              Map<ChecksumType, String> byType = new EnumMap<>(ChecksumType.class);
              rows.forEach(row -> byType.put(row.id.type(), row.value));
              return byType;
            });
  }

  /**
   * Sets where and how ingest archived the file. Idempotent; setting it again (a retried ingest)
   * replaces the earlier values.
   *
   * @throws DuplicateDataKeyException (as the Uni's failure) if another live file has the same data
   *     key
   * @throws UnknownFileException if there is no such file
   */
  @WithTransaction
  public Uni<Void> setArchiveInfo(UUID fileId, ArchiveInfo archive) {
    return update(
            fileId,
            """
            UPDATE files SET header = :header, data_key_sha256 = :key,
                             archive_location = :location, archive_size = :size,
                             updated_at = now()
             WHERE id = :id
            """,
            Map.of(
                "header", archive.header(),
                "key", archive.dataKeySha256(),
                "location", archive.archiveLocation(),
                "size", archive.archiveSize()))
        .onFailure(Violations.of(LIVE_DATA_KEY))
        .transform(e -> new DuplicateDataKeyException(fileId, e));
  }

  /**
   * Sets the size of the file's decrypted content. Idempotent.
   *
   * @throws UnknownFileException (as the Uni's failure) if there is no such file
   */
  @WithTransaction
  public Uni<Void> setDecryptedSize(UUID fileId, long decryptedSize) {
    if (decryptedSize < 0) {
      throw new IllegalArgumentException("negative decrypted size " + decryptedSize);
    }
    return update(
        fileId,
        "UPDATE files SET decrypted_size = :size, updated_at = now() WHERE id = :id",
        Map.of("size", decryptedSize));
  }

  /**
   * Sets where the backup copy of the file is. Idempotent.
   *
   * @throws UnknownFileException (as the Uni's failure) if there is no such file
   */
  @WithTransaction
  public Uni<Void> setBackupLocation(UUID fileId, String backupLocation) {
    Objects.requireNonNull(backupLocation, "backupLocation");
    return update(
        fileId,
        "UPDATE files SET backup_location = :location, updated_at = now() WHERE id = :id",
        Map.of("location", backupLocation));
  }

  /**
   * Gives the file its accession id. Idempotent: the same id again changes nothing.
   *
   * @throws AccessionIdTakenException (as the Uni's failure) if another file has this accession id
   * @throws AccessionIdMismatchException if the file has a different accession id already
   * @throws UnknownFileException if there is no such file
   */
  @WithTransaction
  public Uni<Void> setAccessionId(UUID fileId, String accessionId) {
    Objects.requireNonNull(accessionId, "accessionId");
    return getSession()
        .chain(
            session ->
                Sql.of(
                        """
                        UPDATE files SET accession_id = :accession, updated_at = now()
                         WHERE id = :id AND accession_id IS NULL
                        """)
                    .bind("id", fileId)
                    .bind("accession", accessionId)
                    .update(session))
        .chain(
            changed ->
                changed > 0 ? Uni.createFrom().voidItem() : requireAccession(fileId, accessionId))
        .onFailure(Violations.of(ACCESSION_ID))
        .transform(e -> new AccessionIdTakenException(fileId, accessionId, e));
  }

  /** Nothing was set: fine if the file has this accession id already. */
  private Uni<Void> requireAccession(UUID fileId, String accessionId) {
    return findById(fileId)
        .invoke(
            file -> {
              if (file == null) {
                throw new UnknownFileException(fileId);
              }
              if (!accessionId.equals(file.accessionId)) {
                throw new AccessionIdMismatchException(fileId, file.accessionId, accessionId);
              }
            })
        .replaceWithVoid();
  }

  /**
   * One page of the files in a state, oldest first.
   *
   * @param state the state
   * @param page which page ({@code Page.of(index, size)})
   */
  @WithSession
  public Uni<List<FileEntity>> listByState(FileState state, Page page) {
    return find("state = ?1 order by createdAt, id", state).page(page).list();
  }

  /**
   * One page of a user's files, oldest first.
   *
   * @param user the submitter
   * @param page which page ({@code Page.of(index, size)})
   */
  @WithSession
  public Uni<List<FileEntity>> listByUser(String user, Page page) {
    return find("submissionUser = ?1 order by createdAt, id", user).page(page).list();
  }

  private static String sqlList(List<FileState> states) {
    StringBuilder list = new StringBuilder("(");
    for (FileState state : states) {
      list.append(list.length() > 1 ? ", " : "").append('\'').append(state.value()).append('\'');
    }
    return list.append(')').toString();
  }

  /** Runs an {@code UPDATE} of one file row ({@code :id}); fails if there is no such file. */
  private Uni<Void> update(UUID fileId, String sql, Map<String, Object> parameters) {
    return getSession()
        .chain(
            session -> {
              Sql statement = Sql.of(sql).bind("id", fileId);
              parameters.forEach(statement::bind);
              return statement.update(session);
            })
        .invoke(
            changed -> {
              if (changed == 0) {
                throw new UnknownFileException(fileId);
              }
            })
        .replaceWithVoid();
  }
}
