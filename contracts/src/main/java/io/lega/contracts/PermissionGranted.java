package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Optional;

/**
 * Hub &rarr; node, {@code type: "permission"}: a data access committee granted this user access to
 * this dataset. Schema {@code permission.json}.
 *
 * @param datasetId the dataset's accession id
 * @param user the researcher
 * @param expiresAt when the grant ends, in seconds since the epoch; null for no end
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type"})
public record PermissionGranted(
    @JsonProperty("dataset_id") String datasetId,
    String user,
    @JsonProperty("expires_at") Long expiresAt)
    implements HubToNodeMessage {

  public static final String TYPE = "permission";

  /** A grant that ends at {@code expiry}, or never if it is null. */
  public static PermissionGranted until(String datasetId, String user, Instant expiry) {
    return new PermissionGranted(datasetId, user, expiry == null ? null : expiry.getEpochSecond());
  }

  /** When the grant ends; empty for no end. */
  @JsonIgnore
  public Optional<Instant> expiry() {
    return Optional.ofNullable(expiresAt).map(Instant::ofEpochSecond);
  }

  @Override
  @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
  public String type() {
    return TYPE;
  }

  @Override
  public MessageType messageType() {
    return MessageType.PERMISSION;
  }
}
