package io.lega.hub.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lega.hub.service.DacService;
import io.lega.hub.service.DatasetService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestPath;

/** The DAC responsible for a dataset, {@code PUT /api/datasets/{id}/dac} (admin). */
@Path("/api/datasets/{id}/dac")
@Produces(MediaType.APPLICATION_JSON)
public class DatasetDacResource {

  private final DacService dacs;
  private final DatasetService datasets;

  public DatasetDacResource(DacService dacs, DatasetService datasets) {
    this.dacs = dacs;
    this.datasets = datasets;
  }

  /** The body: {@code {"dac_id": "EGAC..."}}. */
  public record DacChoice(@JsonProperty("dac_id") String dacId) {}

  /** Names the dataset's DAC: 200 with the dataset; 400 malformed; 404 dataset; 409 no such DAC. */
  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Uni<DatasetView> assign(@RestPath String id, DacChoice choice) {
    return dacs.assign(id, choice == null ? null : choice.dacId())
        .chain(() -> datasets.find(id))
        .map(DatasetView::of);
  }
}
