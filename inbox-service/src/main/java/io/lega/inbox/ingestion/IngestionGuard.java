package io.lega.inbox.ingestion;

/**
 * Tells whether a user's inbox file is being ingested, so that the inbox refuses to overwrite,
 * rename or remove it meanwhile. The ingestion pipeline feeds it.
 */
public interface IngestionGuard {

  /**
   * @param user the submitter
   * @param filepath path relative to the user's inbox, {@code /}-separated, no leading slash
   * @return whether the file is locked for ingestion
   */
  boolean isLocked(String user, String filepath);
}
