package io.lega.download.drs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.lega.contracts.ChecksumType;
import io.lega.download.access.AccessCheck;
import io.lega.download.access.PassportCheck;
import io.lega.download.access.PermittedFile;
import io.lega.download.auth.VerifiedPassport;
import io.lega.download.config.DownloadConfig;
import io.lega.download.crypt.ResearcherKey;
import io.lega.download.http.ProblemException;
import io.lega.node.store.FileRepository;
import io.lega.node.store.model.ChecksumSource;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * GA4GH DRS 1.x: {@code GET /ga4gh/drs/v1/objects/{id}} (the Passport as bearer token) and {@code
 * POST} of the same (the Passport in the body, {@code {"passports": ["..."]}}, as DRS 1.2 allows).
 * The object is a file by accession id; its one access method is {@code https} to {@code
 * /files/{id}}, with the headers the researcher adds (their Passport and their Crypt4GH public
 * key). Access is checked as for a download: the same 403 whether or not the object exists.
 */
@Path("/ga4gh/drs/v1/objects/{objectId}")
@Produces(MediaType.APPLICATION_JSON)
public class DrsResource {

  private final PassportCheck passports;
  private final AccessCheck access;
  private final FileRepository files;
  private final DownloadConfig.Api api;

  public DrsResource(
      PassportCheck passports, AccessCheck access, FileRepository files, DownloadConfig config) {
    this.passports = passports;
    this.access = access;
    this.files = files;
    this.api = config.api();
  }

  @GET
  public Uni<DrsObject> object(
      @PathParam("objectId") String objectId,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @Context UriInfo uri) {
    return passports.bearer(authorization).flatMap(passport -> describe(passport, objectId, uri));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<DrsObject> objectWithPassport(
      @PathParam("objectId") String objectId, PassportBody body, @Context UriInfo uri) {
    if (body == null || body.passports() == null || body.passports().size() != 1) {
      return Uni.createFrom()
          .failure(
              ProblemException.unauthorized(
                  "the body must hold one Passport: {\"passports\": [\"...\"]}"));
    }
    return passports
        .passport(body.passports().get(0))
        .flatMap(passport -> describe(passport, objectId, uri));
  }

  private Uni<DrsObject> describe(VerifiedPassport passport, String objectId, UriInfo uri) {
    URI base = api.publicUrl().orElse(uri.getBaseUri());
    return access
        .file(passport, objectId)
        .flatMap(
            permitted ->
                files
                    .checksums(permitted.file().id, ChecksumSource.DECRYPTED)
                    .map(sums -> DrsObject.of(permitted, sums.get(ChecksumType.SHA256), base)));
  }

  /** A DRS POST body. */
  public record PassportBody(List<String> passports) {}

  /** A DRS object (the fields DRS 1.x requires, and the access method). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DrsObject(
      String id,
      String name,
      @JsonProperty("self_uri") String selfUri,
      long size,
      @JsonProperty("created_time") Instant createdTime,
      @JsonProperty("mime_type") String mimeType,
      List<Checksum> checksums,
      @JsonProperty("access_methods") List<AccessMethod> accessMethods,
      String description) {

    static DrsObject of(PermittedFile permitted, String sha256, URI base) {
      String id = permitted.file().accessionId;
      String root = base.toString().endsWith("/") ? base.toString() : base + "/";
      URI files = URI.create(root + "files/" + id);
      return new DrsObject(
          id,
          permitted.file().inboxPath,
          "drs://" + base.getAuthority() + "/" + id,
          permitted.file().decryptedSize == null ? 0 : permitted.file().decryptedSize,
          permitted.file().createdAt,
          "application/octet-stream",
          sha256 == null ? List.of() : List.of(new Checksum(sha256, "sha-256")),
          List.of(
              new AccessMethod(
                  "https",
                  new AccessUrl(
                      files.toString(),
                      List.of(
                          "Authorization: Bearer <your Passport>",
                          ResearcherKey.HEADER + ": <base64 of your Crypt4GH public key file>")))),
          "Crypt4GH-encrypted for the key in "
              + ResearcherKey.HEADER
              + "; size and checksum are the plaintext's");
    }
  }

  /** A checksum of the plaintext. */
  public record Checksum(String checksum, String type) {}

  /** How to fetch the bytes. */
  public record AccessMethod(String type, @JsonProperty("access_url") AccessUrl accessUrl) {}

  /** Where, and with which headers. */
  public record AccessUrl(String url, List<String> headers) {}
}
