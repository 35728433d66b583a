package io.lega.node.store.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code files}: one submitted file, keyed by its correlation id (made by the inbox).
 *
 * <p>Read-only for Hibernate ({@link Immutable}): changing a field of a loaded entity writes
 * nothing. Every change goes through {@code FileRepository}, so that a state change always comes
 * with its event.
 */
@Entity
@Table(name = "files")
@Immutable
public class FileEntity {

  /** The file's correlation id. */
  @Id public UUID id;

  /** The submitter's username. */
  @Column(name = "submission_user", nullable = false)
  public String submissionUser;

  /** The file's path, relative to the submitter's inbox folder. */
  @Column(name = "inbox_path", nullable = false)
  public String inboxPath;

  /** Size of the encrypted file in the inbox, in bytes. */
  @Column(name = "inbox_size")
  public Long inboxSize;

  /** Last modification time of the inbox file. */
  @Column(name = "inbox_last_modified")
  public Instant inboxLastModified;

  /** The archived Crypt4GH header, encrypted for the archive key. Never log it. */
  @Column(name = "header")
  public byte[] header;

  /** SHA-256 (hex) of the file's data key: the same encrypted file submitted twice has the same. */
  @Column(name = "data_key_sha256")
  public String dataKeySha256;

  /** Object name of the body in archive storage. */
  @Column(name = "archive_location")
  public String archiveLocation;

  /** Size of the archived body (the file without its header), in bytes. */
  @Column(name = "archive_size")
  public Long archiveSize;

  /** Size of the decrypted content, in bytes. */
  @Column(name = "decrypted_size")
  public Long decryptedSize;

  /** Object name of the backup copy, if one was made. */
  @Column(name = "backup_location")
  public String backupLocation;

  /** The accession id the hub gave the file (EGAF + 11 digits), unique across files. */
  @Column(name = "accession_id", unique = true)
  public String accessionId;

  /** Where the file is in the pipeline: the event of its latest event row. */
  @Convert(converter = FileState.Converter.class)
  @Column(name = "state", nullable = false)
  public FileState state;

  /** When the file was registered. */
  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  /** When the row last changed. */
  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
