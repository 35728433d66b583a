package io.lega.inbox.ingestion;

/**
 * Tells whether a user's inbox file is being ingested, so that the inbox refuses to overwrite,
 * rename or remove it meanwhile. {@link InMemoryIngestionGuard} keeps locks given to it; {@link
 * DatabaseIngestionGuard} reads the node database, where ingestion records its state.
 */
public interface IngestionGuard {

  /**
   * @param user the submitter
   * @param filepath path relative to the user's inbox, {@code /}-separated, no leading slash
   * @return whether the file is locked for ingestion
   * @throws IngestionCheckException if it cannot be known (the database cannot be reached, does not
   *     answer in time, ...): the caller must refuse the operation, not let it through
   */
  boolean isLocked(String user, String filepath) throws IngestionCheckException;
}
