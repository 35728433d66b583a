package io.lega.hub.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.hub.service.IngestRequest;
import io.lega.hub.service.IngestionService;
import io.lega.hub.service.InvalidRequestException;
import io.lega.hub.service.NoSuchResourceException;
import io.lega.hub.service.SubmissionService;
import io.lega.hub.service.SubmissionState;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Submissions, {@code /api/submissions} (admin): by id, listed by state, and their ingestion
 * ({@code POST .../ingest}, {@code POST .../cancel}: 202 once the node's message is confirmed by
 * the broker).
 */
@Path("/api/submissions")
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionResource {

  private final SubmissionService submissions;
  private final IngestionService ingestion;
  private final Paging paging;
  private final ObjectMapper json;

  public SubmissionResource(
      SubmissionService submissions, IngestionService ingestion, Paging paging, ObjectMapper json) {
    this.submissions = submissions;
    this.ingestion = ingestion;
    this.paging = paging;
    this.json = json;
  }

  /** Submissions of every user, newest first, {@code ?state=ingesting&page=0&size=50}. */
  @GET
  public Uni<PageView<SubmissionView>> list(
      @RestQuery String state, @RestQuery String page, @RestQuery String size) {
    SubmissionState inState =
        Paging.state(state, SubmissionState::of, "state", SubmissionState.all());
    Paging.Request wanted = paging.of(page, size);
    return submissions
        .ofState(inState, wanted.page(), wanted.size())
        .map(result -> PageView.of(result, SubmissionView::of));
  }

  /** One submission: path, size, checksums, state, accession id, error reason. */
  @GET
  @Path("{id}")
  public Uni<SubmissionView> get(@RestPath String id) {
    return Uni.createFrom().item(() -> uuid(id)).flatMap(submissions::find).map(SubmissionView::of);
  }

  /**
   * Asks the node to ingest the file: 202 with the submission ({@code ingesting}); 404, 409 if it
   * is not {@code uploaded}, {@code error} or {@code cancelled}, 503 if the broker did not take the
   * message (nothing changed). The body is optional: none, {@code {}}, or {@code
   * {"decrypted_checksums": [...]}} ({@link IngestRequest}); a malformed one is a 400.
   */
  @POST
  @Path("{id}/ingest")
  public Uni<RestResponse<SubmissionView>> ingest(@RestPath String id, String body) {
    return Uni.createFrom()
        .item(() -> uuid(id))
        .call(uuid -> ingestion.trigger(uuid, request(body)))
        .flatMap(submissions::find)
        .map(submission -> RestResponse.accepted(SubmissionView.of(submission)));
  }

  /**
   * Asks the node to cancel the file's ingestion: 202 with the submission ({@code cancelled}); 404,
   * 409 if it is not {@code ingesting}, {@code verified} or {@code archived}, 503 as for ingest.
   */
  @POST
  @Path("{id}/cancel")
  public Uni<RestResponse<SubmissionView>> cancel(@RestPath String id) {
    return Uni.createFrom()
        .item(() -> uuid(id))
        .call(ingestion::cancel)
        .flatMap(submissions::find)
        .map(submission -> RestResponse.accepted(SubmissionView.of(submission)));
  }

  /** The optional body of an ingest request; blank means none. */
  private IngestRequest request(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return json.readValue(body, IngestRequest.class);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(ErrorMappers.describe(e));
    }
  }

  /** A submission id from the path; one that is not a UUID names no submission (404). */
  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new NoSuchResourceException("no submission with id '" + id + "'");
    }
  }
}
