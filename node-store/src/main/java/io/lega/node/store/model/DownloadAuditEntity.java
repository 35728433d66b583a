package io.lega.node.store.model;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * A row of {@code download_audit}: one download request, who made it, what it read and how it
 * ended. Written by {@code DownloadAuditRepository}.
 */
@Entity
@Table(name = "download_audit")
@Immutable
public class DownloadAuditEntity {

  /** Increasing. */
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  /** The file read; {@code null} for a request that named no file of this node. */
  @Column(name = "file_id")
  public UUID fileId;

  /** For a request that named no file of this node: the id asked for; otherwise {@code null}. */
  @Column(name = "requested_id")
  public String requestedId;

  /** The dataset through which access was granted, if known. */
  @Column(name = "dataset_id")
  public Long datasetId;

  /** Who asked (the Passport's subject). */
  @Column(name = "username", nullable = false)
  public String username;

  /** The client's address, as the service saw it. */
  @Column(name = "client_address")
  public String clientAddress;

  /** First requested byte of the plaintext, if a range was asked for. */
  @Column(name = "range_start")
  public Long rangeStart;

  /** End (excluded) of the requested range, if any. */
  @Column(name = "range_end")
  public Long rangeEnd;

  /**
   * Every requested plaintext range, end excluded, comma-separated ({@code 0-65536,131072-});
   * {@code null} for the whole file.
   */
  @Column(name = "ranges")
  public String ranges;

  /** Bytes sent to the client. */
  @Column(name = "bytes_sent", nullable = false)
  public Long bytesSent;

  /** How it ended ({@code started} while running). */
  @Convert(converter = DownloadOutcome.Converter.class)
  @Column(name = "outcome", nullable = false)
  public DownloadOutcome outcome;

  /** Why it failed or was denied. */
  @Column(name = "reason")
  public String reason;

  /** When the request started. */
  @Column(name = "started_at", nullable = false)
  public Instant startedAt;

  /** When it ended; {@code null} while running. */
  @Column(name = "finished_at")
  public Instant finishedAt;
}
