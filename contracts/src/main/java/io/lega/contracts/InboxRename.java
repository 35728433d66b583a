package io.lega.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Node &rarr; hub, {@code files.inbox}, {@code operation: "rename"}: a file in a user's inbox was
 * renamed or moved. Schema {@code inbox-rename.json}.
 *
 * @param user the submitter
 * @param filepath the new path
 * @param oldpath the path before the rename
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"user", "filepath", "oldpath", "operation"})
public record InboxRename(String user, String filepath, String oldpath) implements InboxMessage {

  public static final String OPERATION = "rename";

  @Override
  @JsonProperty(value = "operation", access = JsonProperty.Access.READ_ONLY)
  public String operation() {
    return OPERATION;
  }

  @Override
  public MessageType messageType() {
    return MessageType.INBOX_RENAME;
  }
}
