package io.lega.hub.rest;

import io.lega.hub.service.NoSuchResourceException;
import io.lega.hub.service.SubmissionService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestPath;

/** Submissions by id, {@code /api/submissions/{id}} (admin). */
@Path("/api/submissions")
@Produces(MediaType.APPLICATION_JSON)
public class SubmissionResource {

  private final SubmissionService submissions;

  public SubmissionResource(SubmissionService submissions) {
    this.submissions = submissions;
  }

  /** One submission: path, size, checksums, state. */
  @GET
  @Path("{id}")
  public Uni<SubmissionView> get(@RestPath String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom()
          .failure(new NoSuchResourceException("no submission with id '" + id + "'"));
    }
    return submissions.find(uuid).map(SubmissionView::of);
  }
}
