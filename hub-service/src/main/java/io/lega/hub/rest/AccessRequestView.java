package io.lega.hub.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lega.hub.service.AccessDecision;
import io.lega.hub.service.AccessRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An access request as the API shows it, with its decisions (oldest first).
 *
 * @param id its id
 * @param datasetId the dataset
 * @param dacId the DAC that decides on it
 * @param user the researcher
 * @param justification why they asked
 * @param state {@code pending}, {@code approved}, {@code rejected} or {@code revoked}
 * @param expiresAt when the grant ends; {@code null} for no end
 * @param grantedAt when it was approved; {@code null} if never
 * @param createdAt when it was made
 * @param updatedAt when it last changed
 * @param decisions who decided what, when
 */
public record AccessRequestView(
    UUID id,
    @JsonProperty("dataset_id") String datasetId,
    @JsonProperty("dac_id") String dacId,
    String user,
    String justification,
    String state,
    @JsonProperty("expires_at") Instant expiresAt,
    @JsonProperty("granted_at") Instant grantedAt,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("updated_at") Instant updatedAt,
    List<Decision> decisions) {

  /** One decision: {@code {"decision", "by", "at", "reason", "expires_at"}}. */
  public record Decision(
      String decision,
      String by,
      Instant at,
      String reason,
      @JsonProperty("expires_at") Instant expiresAt) {

    static Decision of(AccessDecision d) {
      return new Decision(d.decision(), d.by(), d.at(), d.reason(), d.expiresAt());
    }
  }

  static AccessRequestView of(AccessRequest r) {
    return new AccessRequestView(
        r.id(),
        r.datasetId(),
        r.dacId(),
        r.user(),
        r.justification(),
        r.state(),
        r.expiresAt(),
        r.grantedAt(),
        r.createdAt(),
        r.updatedAt(),
        r.decisions().stream().map(Decision::of).toList());
  }
}
