package io.lega.inbox.ingestion;

/**
 * Whether a file is being ingested cannot be known now (the node database is down, or did not
 * answer in time). The message is for the operator's log, not for the SFTP client.
 */
public class IngestionCheckException extends Exception {

  public IngestionCheckException(String message, Throwable cause) {
    super(message, cause);
  }
}
