package io.lega.hub.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lega.hub.service.Dac;
import java.time.Instant;
import java.util.List;

/**
 * A DAC as the API shows it.
 *
 * @param dacId {@code EGAC} + 11 digits
 * @param title its name
 * @param members its members' usernames, sorted
 * @param createdAt when it was created
 * @param updatedAt when it last changed
 */
public record DacView(
    @JsonProperty("dac_id") String dacId,
    String title,
    List<String> members,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt) {

  static DacView of(Dac dac) {
    return new DacView(dac.dacId(), dac.title(), dac.members(), dac.createdAt(), dac.updatedAt());
  }
}
