package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Hub &rarr; node, {@code type: "release"}: the dataset may now be downloaded by those granted
 * access. Schema {@code dataset-release.json}.
 *
 * @param datasetId the dataset's accession id
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type"})
public record DatasetRelease(@JsonProperty("dataset_id") String datasetId)
    implements HubToNodeMessage {

  public static final String TYPE = "release";

  @Override
  @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
  public String type() {
    return TYPE;
  }

  @Override
  public MessageType messageType() {
    return MessageType.DATASET_RELEASE;
  }
}
