package io.lega.contracts;

/**
 * A notification from the inbox about a user's file, routing key {@value RoutingKeys#FILES_INBOX};
 * the three kinds are told apart by the body's {@code operation} field (see {@link
 * MessageCodec#decodeInbox(byte[])}).
 */
public sealed interface InboxMessage extends NodeToHubMessage, FileMessage
    permits InboxUpload, InboxRename, InboxRemove {

  /**
   * The value of the body's {@code operation} field: {@code upload}, {@code rename} or {@code
   * remove}.
   */
  String operation();
}
