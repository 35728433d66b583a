package io.lega.inbox.sftp;

/**
 * An exception whose message is meant for the SFTP client: {@link InboxStatusDataHandler} sends it
 * in the status reply instead of the generic text. Such messages name paths relative to the user's
 * inbox only.
 */
interface ClientVisible {

  String clientMessage();
}
