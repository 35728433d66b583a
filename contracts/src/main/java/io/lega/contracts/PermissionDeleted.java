package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Hub &rarr; node, {@code type: "permission.deleted"}: the data access committee revoked this
 * user's access to this dataset. Schema {@code permission-deleted.json}.
 *
 * @param datasetId the dataset's accession id
 * @param user the researcher
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type"})
public record PermissionDeleted(@JsonProperty("dataset_id") String datasetId, String user)
    implements HubToNodeMessage {

  public static final String TYPE = "permission.deleted";

  @Override
  @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
  public String type() {
    return TYPE;
  }

  @Override
  public MessageType messageType() {
    return MessageType.PERMISSION_DELETED;
  }
}
