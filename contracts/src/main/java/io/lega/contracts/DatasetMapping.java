package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * Hub &rarr; node, {@code type: "mapping"}: these files belong to this dataset. Schema {@code
 * dataset-mapping.json}.
 *
 * @param datasetId the dataset's accession id
 * @param accessionIds the accession ids of its files (at least one)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type"})
public record DatasetMapping(
    @JsonProperty("dataset_id") String datasetId,
    @JsonProperty("accession_ids") List<String> accessionIds)
    implements HubToNodeMessage {

  public static final String TYPE = "mapping";

  public DatasetMapping {
    accessionIds = Lists.required(accessionIds);
  }

  @Override
  @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
  public String type() {
    return TYPE;
  }

  @Override
  public MessageType messageType() {
    return MessageType.DATASET_MAPPING;
  }
}
