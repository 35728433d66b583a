package io.lega.contracts;

/**
 * A message about one file in a user's inbox. Useful for logging: every log line about a message
 * should carry the user and the file.
 */
public interface FileMessage {

  /** The submitter's user name. */
  String user();

  /** The file's path inside the user's inbox. */
  String filepath();
}
