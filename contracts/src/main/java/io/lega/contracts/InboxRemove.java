package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Node &rarr; hub, {@code files.inbox}, {@code operation: "remove"}: a file was removed from a
 * user's inbox. Schema {@code inbox-remove.json}.
 *
 * @param user the submitter
 * @param filepath the removed file's path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"user", "filepath", "operation"})
public record InboxRemove(String user, String filepath) implements InboxMessage {

  public static final String OPERATION = "remove";

  @Override
  @JsonProperty(value = "operation", access = JsonProperty.Access.READ_ONLY)
  public String operation() {
    return OPERATION;
  }

  @Override
  public MessageType messageType() {
    return MessageType.INBOX_REMOVE;
  }
}
