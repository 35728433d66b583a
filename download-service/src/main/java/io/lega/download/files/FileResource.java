package io.lega.download.files;

import io.lega.contracts.ChecksumType;
import io.lega.crypt4gh.body.ByteRange;
import io.lega.download.access.PermittedFile;
import io.lega.download.audit.DownloadAudit;
import io.lega.download.config.DownloadConfig;
import io.lega.download.crypt.ResearcherKey;
import io.lega.download.http.ProblemException;
import io.lega.node.store.DownloadStart;
import io.lega.node.store.FileRepository;
import io.lega.node.store.model.ChecksumSource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /files/{fileId}}: a file as a Crypt4GH file for the researcher's key ({@code GET}, {@code
 * HEAD}), its header alone ({@code /header}) and its body as stored ({@code /content}). The file id
 * is the accession id ({@code EGAF...}).
 *
 * <p>Plaintext ranges ({@code Range: bytes=...} on {@code GET /files/{id}}) are answered with
 * <b>200</b>, not 206: the response is a complete, valid Crypt4GH file of its own (a header with an
 * edit list, then only the segments that hold the ranges), not a part of the bytes of the whole
 * file's response, so the semantics of 206 (a part of the selected representation, with {@code
 * Content-Range} positions in it) do not apply and would mislead caches and resuming clients. The
 * ranges served are echoed in {@value #RANGES_HEADER}.
 *
 * <p>The bodies ({@code GET /files/{id}}, {@code /content}, {@code /plaintext}) are written
 * straight to the Vert.x response once every check passed ({@link Downloads#send}): each method
 * returns a {@code Uni<Void>} that fails before the body starts (a problem+json answer, through the
 * exception mappers) or completes once the response is ended, so Quarkus REST has nothing more to
 * write.
 */
@Path("/files/{fileId}")
public class FileResource {

  /** The response header naming the plaintext ranges a Crypt4GH response covers. */
  public static final String RANGES_HEADER = "X-C4GH-Plaintext-Ranges";

  private static final String OCTETS = MediaType.APPLICATION_OCTET_STREAM;

  private final Downloads downloads;
  private final FileRepository files;
  private final DownloadAudit audit;
  private final DownloadConfig.Api api;
  private final boolean plaintextEnabled;

  public FileResource(
      Downloads downloads, FileRepository files, DownloadAudit audit, DownloadConfig config) {
    this.downloads = downloads;
    this.files = files;
    this.audit = audit;
    this.api = config.api();
    this.plaintextEnabled = config.plaintext().enabled();
  }

  @GET
  @Produces(OCTETS)
  public Uni<Void> file(
      @PathParam("fileId") String fileId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(ResearcherKey.HEADER) String publicKey,
      @HeaderParam("Range") String range,
      HttpServerRequest request,
      HttpServerResponse response) {
    Context context = Vertx.currentContext();
    return downloads
        .crypt4gh(fileId, authorization, publicKey, range, address(request), true)
        .flatMap(
            prepared ->
                downloads.send(
                    request,
                    response,
                    context,
                    200,
                    crypt4ghHeaders(prepared),
                    prepared.permitted(),
                    downloads.reader(
                        prepared.permitted(),
                        prepared.delivery().header(),
                        prepared.delivery().pieces()),
                    prepared.auditId(),
                    "file"));
  }

  @HEAD
  @Produces(OCTETS)
  public Uni<Response> head(
      @PathParam("fileId") String fileId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(ResearcherKey.HEADER) String publicKey,
      @HeaderParam("Range") String range) {
    return downloads
        .crypt4gh(fileId, authorization, publicKey, range, null, false)
        .map(
            prepared -> {
              return headersOnly(200, crypt4ghHeaders(prepared));
            });
  }

  @GET
  @Path("header")
  @Produces(OCTETS)
  public Uni<Response> header(
      @PathParam("fileId") String fileId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(ResearcherKey.HEADER) String publicKey) {
    return downloads
        .crypt4gh(fileId, authorization, publicKey, null, null, false)
        .map(
            prepared ->
                Response.ok(prepared.delivery().header())
                    .header(
                        "Content-Disposition",
                        "attachment; filename=\"" + fileName(prepared.permitted()) + ".header\"")
                    .build());
  }

  /**
   * The body as stored, with a stable {@code ETag} (the archived body's SHA-256), {@code Range}
   * (one range, in the body's own positions: 206 with {@code Content-Range}; several ranges are
   * ignored and the whole body is sent, as RFC 9110 allows) and {@code If-Range}.
   */
  @GET
  @Path("content")
  @Produces(OCTETS)
  public Uni<Void> content(
      @PathParam("fileId") String fileId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("Range") String range,
      @HeaderParam("If-Range") String ifRange,
      HttpServerRequest request,
      HttpServerResponse response) {
    Context context = Vertx.currentContext();
    String client = address(request);
    Uni<ContentResponse> content =
        content(fileId, authorization, range, ifRange)
            .flatMap(
                prepared ->
                    audit
                        .start(
                            new DownloadStart(
                                prepared.permitted().file().id,
                                prepared.permitted().dataset().id,
                                prepared.permitted().user(),
                                client,
                                prepared.range() == null ? null : prepared.range().start(),
                                prepared.range() == null ? null : prepared.range().end(),
                                prepared.range() == null ? null : "content:" + prepared.range()))
                        .map(prepared::withAuditId));
    return content.flatMap(
        prepared ->
            downloads.send(
                request,
                response,
                context,
                prepared.range() == null ? 200 : 206,
                prepared.headers(),
                prepared.permitted(),
                downloads.reader(prepared.permitted(), new byte[0], List.of(prepared.piece())),
                prepared.auditId(),
                "content"));
  }

  /**
   * The headers {@code GET /content} would send (status, ETag, Content-Length, Content-Range),
   * without the body: nothing is read from the archive and no download is audited.
   */
  @HEAD
  @Path("content")
  @Produces(OCTETS)
  public Uni<Response> contentHead(
      @PathParam("fileId") String fileId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("Range") String range,
      @HeaderParam("If-Range") String ifRange) {
    return content(fileId, authorization, range, ifRange)
        .map(prepared -> headersOnly(prepared.range() == null ? 200 : 206, prepared.headers()));
  }

  /** A bodiless answer (a HEAD's) with these headers, the first value of each. */
  private static Response headersOnly(int status, Map<String, List<String>> headers) {
    Response.ResponseBuilder response = Response.status(status);
    headers.forEach((name, values) -> response.header(name, values.get(0)));
    return response.build();
  }

  /** A permitted file's body as stored, or the range of it asked for. */
  private Uni<ContentResponse> content(
      String fileId, String authorization, String range, String ifRange) {
    return downloads
        .permitted(fileId, authorization)
        .flatMap(
            permitted ->
                files
                    .checksums(permitted.file().id, ChecksumSource.ARCHIVED)
                    .map(
                        sums ->
                            ContentResponse.of(
                                permitted,
                                sums.get(ChecksumType.SHA256),
                                range,
                                ifRange,
                                api.maxRanges())));
  }

  /**
   * The decrypted file, only with {@code lega.download.plaintext.enabled=true} (else 404): one
   * {@code Range} in plaintext positions is a 206 with {@code Content-Range} (here the response is
   * a slice of the plaintext representation); several ranges are ignored (200, the whole file).
   */
  @GET
  @Path("plaintext")
  @Produces(OCTETS)
  public Uni<Void> plaintext(
      @PathParam("fileId") String fileId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam("Range") String range,
      HttpServerRequest request,
      HttpServerResponse response) {
    Context context = Vertx.currentContext();
    String client = address(request);
    Uni<PlaintextResponse> plain =
        Uni.createFrom()
            .item(plaintextEnabled)
            .invoke(
                enabled -> {
                  if (!enabled) {
                    throw new ProblemException(
                        404,
                        "Not Found",
                        "plaintext delivery is off on this node (lega.download.plaintext.enabled)",
                        Map.of());
                  }
                })
            .flatMap(enabled -> downloads.permitted(fileId, authorization))
            .map(
                permitted ->
                    PlaintextResponse.of(
                        permitted, downloads.plaintextSize(permitted), range, api.maxRanges()))
            .flatMap(
                prepared ->
                    audit
                        .start(
                            new DownloadStart(
                                prepared.permitted().file().id,
                                prepared.permitted().dataset().id,
                                prepared.permitted().user(),
                                client,
                                prepared.range().start(),
                                prepared.range().end(),
                                "plaintext:" + prepared.range()))
                        .map(prepared::withAuditId));
    return plain.flatMap(
        prepared ->
            downloads.send(
                request,
                response,
                context,
                prepared.partial() ? 206 : 200,
                prepared.headers(),
                prepared.permitted(),
                downloads.plaintextReader(prepared.permitted(), prepared.range()),
                prepared.auditId(),
                "plaintext"));
  }

  private static Map<String, List<String>> crypt4ghHeaders(PreparedDownload prepared) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Length", List.of(Long.toString(prepared.delivery().contentLength())));
    headers.put(
        "Content-Disposition",
        List.of("attachment; filename=\"" + fileName(prepared.permitted()) + ".c4gh\""));
    headers.put("Accept-Ranges", List.of("bytes"));
    if (!prepared.ranges().isEmpty()) {
      headers.put(RANGES_HEADER, List.of("bytes=" + inclusive(prepared.ranges())));
    }
    return headers;
  }

  /** The ranges as a Range header names them (end included). */
  private static String inclusive(List<ByteRange> ranges) {
    StringBuilder text = new StringBuilder();
    for (ByteRange range : ranges) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(range.start()).append('-').append(range.end() - 1);
    }
    return text.toString();
  }

  static String fileName(PermittedFile permitted) {
    return permitted.file().accessionId;
  }

  private static String address(HttpServerRequest request) {
    return request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
  }
}
