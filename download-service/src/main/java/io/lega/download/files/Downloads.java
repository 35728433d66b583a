package io.lega.download.files;

import io.lega.crypt4gh.body.ByteRange;
import io.lega.crypt4gh.header.DecryptedHeader;
import io.lega.crypt4gh.keys.Crypt4ghPublicKey;
import io.lega.crypt4gh.stream.CiphertextSource;
import io.lega.crypt4gh.stream.RandomAccessDecryptor;
import io.lega.download.access.AccessCheck;
import io.lega.download.access.PassportCheck;
import io.lega.download.access.PermittedFile;
import io.lega.download.audit.DownloadAudit;
import io.lega.download.config.DownloadConfig;
import io.lega.download.crypt.ArchiveKeys;
import io.lega.download.crypt.ResearcherKey;
import io.lega.node.store.DownloadStart;
import io.lega.node.store.model.DownloadOutcome;
import io.lega.node.store.model.FileEntity;
import io.lega.platform.error.SystemErrorException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The steps of a download, each a {@link Uni} on the request's Vert.x context: the Passport (on a
 * worker, it may fetch a JWKS), the researcher's key, the access check and the file (Hibernate
 * Reactive), the archived header opened and sealed again for the researcher with the ranges' edit
 * list, the audit row; then the body written straight to the Vert.x response from ranged reads of
 * the archive on worker threads, a chunk at a time as the client takes them ({@link PieceReader},
 * {@link DirectBody}).
 */
@Singleton
public class Downloads {

  private static final Logger LOG = Logger.getLogger(Downloads.class);

  /** Chunks read ahead of the client. */
  static final int READ_AHEAD = 2;

  private final PassportCheck passports;
  private final AccessCheck access;
  private final ArchiveKeys keys;
  private final ArchiveStorage archive;
  private final DownloadAudit audit;
  private final DownloadConfig.Api api;

  public Downloads(
      PassportCheck passports,
      AccessCheck access,
      ArchiveKeys keys,
      ArchiveStorage archive,
      DownloadAudit audit,
      DownloadConfig config) {
    this.passports = passports;
    this.access = access;
    this.keys = keys;
    this.archive = archive;
    this.audit = audit;
    this.api = config.api();
  }

  /**
   * A Crypt4GH file for the researcher's key, of the whole file or of plaintext ranges.
   *
   * @param audited whether to record the download (not for a HEAD)
   */
  public Uni<PreparedDownload> crypt4gh(
      String fileId,
      String authorization,
      String publicKey,
      String range,
      String clientAddress,
      boolean audited) {
    return passports
        .bearer(authorization)
        .flatMap(
            passport -> {
              Crypt4ghPublicKey researcher = ResearcherKey.parse(publicKey);
              return access
                  .file(passport, fileId)
                  .map(permitted -> prepare(permitted, researcher, range));
            })
        .flatMap(
            prepared ->
                audited ? started(prepared, clientAddress) : Uni.createFrom().item(prepared));
  }

  /** A permitted file (for {@code /content}: the body as stored). */
  public Uni<PermittedFile> permitted(String fileId, String authorization) {
    return passports.bearer(authorization).flatMap(passport -> access.file(passport, fileId));
  }

  private PreparedDownload prepare(
      PermittedFile permitted, Crypt4ghPublicKey researcher, String range) {
    FileEntity file = permitted.file();
    DecryptedHeader archived = opened(file);
    long bodySize = file.archiveSize;
    long plaintextSize;
    try {
      plaintextSize = Delivery.plaintextSize(archived, bodySize);
    } catch (IOException e) {
      throw new SystemErrorException(
          "file " + file.accessionId + ": the archived body size " + bodySize + " is not Crypt4GH",
          e);
    }
    List<ByteRange> ranges = RangeHeader.parse(range, plaintextSize, api.maxRanges());
    Delivery delivery = Delivery.of(archived, bodySize, ranges, researcher);
    return new PreparedDownload(permitted, delivery, ranges, plaintextSize, null);
  }

  private DecryptedHeader opened(FileEntity file) {
    try {
      return keys.open(file.header);
    } catch (IOException e) {
      throw new SystemErrorException(
          "file " + file.accessionId + ": the archived header cannot be opened: " + e.getMessage(),
          e);
    }
  }

  private Uni<PreparedDownload> started(PreparedDownload prepared, String clientAddress) {
    List<ByteRange> ranges = prepared.ranges();
    ByteRange first = ranges.isEmpty() ? null : ranges.get(0);
    DownloadStart start =
        new DownloadStart(
            prepared.permitted().file().id,
            prepared.permitted().dataset().id,
            prepared.permitted().user(),
            clientAddress,
            first == null ? null : first.start(),
            first == null ? null : first.end(),
            ranges.isEmpty() ? null : RangeHeader.audited(ranges));
    return audit.start(start).map(prepared::withAuditId);
  }

  /** What a download sends: {@code prefix} (the new header), then each piece by a ranged read. */
  PieceReader reader(PermittedFile permitted, byte[] prefix, List<ByteRange> pieces) {
    List<PieceReader.Source> sources =
        pieces.stream()
            .map(
                piece ->
                    PieceReader.Source.of(
                        archive.storage(), permitted.file().archiveLocation, piece))
            .toList();
    return new PieceReader(prefix, sources);
  }

  /**
   * The decrypted plaintext {@code range} of a permitted file (only with {@code
   * lega.download.plaintext.enabled=true}), through crypt4gh's {@link RandomAccessDecryptor} over
   * ranged reads of the archive.
   */
  PieceReader plaintextReader(PermittedFile permitted, ByteRange range) {
    FileEntity file = permitted.file();
    DecryptedHeader header = opened(file);
    CiphertextSource body =
        new CiphertextSource() {
          @Override
          public long size() {
            return file.archiveSize;
          }

          @Override
          public InputStream open(long start, long end) throws IOException {
            return archive.storage().read(file.archiveLocation, start, end);
          }
        };
    RandomAccessDecryptor decryptor = new RandomAccessDecryptor(body, header);
    return new PieceReader(new byte[0], List.of(() -> decryptor.open(range)));
  }

  /** The plaintext length of a permitted file, through its edit list. */
  public long plaintextSize(PermittedFile permitted) {
    try {
      return Delivery.plaintextSize(opened(permitted.file()), permitted.file().archiveSize);
    } catch (IOException e) {
      throw new SystemErrorException("file " + permitted.file().accessionId + ": " + e, e);
    }
  }

  /**
   * Sends a download straight to the Vert.x response ({@link DirectBody}: status, headers, then
   * what {@code reader} reads) and records its end: completed when the last byte was handed over,
   * failed on a storage error or when the client went away (the open read is closed at once).
   *
   * @param context the request's Vert.x context, where the body is written
   * @param kind {@code file}, {@code content} or {@code plaintext}, for the metrics
   * @return completes once the response is ended; what the resource method returns
   */
  Uni<Void> send(
      HttpServerRequest request,
      HttpServerResponse response,
      Context context,
      int status,
      Map<String, List<String>> headers,
      PermittedFile permitted,
      PieceReader reader,
      Long auditId,
      String kind) {
    long startNanos = System.nanoTime();
    DirectBody.Ending ending =
        (outcome, failure) -> {
          DownloadOutcome audited =
              outcome == DirectBody.Outcome.COMPLETED
                  ? DownloadOutcome.COMPLETED
                  : DownloadOutcome.FAILED;
          String reason =
              switch (outcome) {
                case COMPLETED -> null;
                case STORAGE_FAILED -> "storage: " + failure.getMessage();
                case CLIENT_GONE -> "the client went away";
              };
          if (failure != null) {
            LOG.errorf(
                "download of %s by %s failed after %d bytes: %s",
                permitted.file().accessionId, permitted.user(), reader.sent(), failure);
          }
          if (auditId != null) {
            audit.finish(auditId, kind, reader.sent(), audited, reason, startNanos);
          }
        };
    return new DirectBody(
            request,
            response,
            context,
            Infrastructure.getDefaultWorkerPool(),
            reader,
            api.chunkSize(),
            READ_AHEAD,
            ending)
        .send(status, MediaType.APPLICATION_OCTET_STREAM, headers);
  }
}
