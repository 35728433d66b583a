package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Hub &rarr; node, {@code type: "cancel"}: stop ingesting this file. Schema {@code
 * ingestion-cancel.json}.
 *
 * @param user the submitter
 * @param filepath the file's path in the inbox
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type"})
public record IngestionCancel(String user, String filepath)
    implements HubToNodeMessage, FileMessage {

  public static final String TYPE = "cancel";

  @Override
  @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
  public String type() {
    return TYPE;
  }

  @Override
  public MessageType messageType() {
    return MessageType.INGESTION_CANCEL;
  }
}
