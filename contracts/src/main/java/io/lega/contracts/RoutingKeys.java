package io.lega.contracts;

/** The routing keys of node &rarr; hub messages on the hub's exchange. */
public final class RoutingKeys {

  /** Inbox notifications: upload, rename, remove. */
  public static final String FILES_INBOX = "files.inbox";

  /** Accession requests: the file is archived and verified. */
  public static final String FILES_VERIFIED = "files.verified";

  /** Ingestion completions: the file has its accession id and is ready. */
  public static final String FILES_COMPLETED = "files.completed";

  /** User errors: the submission is at fault. */
  public static final String FILES_ERROR = "files.error";

  private RoutingKeys() {}
}
