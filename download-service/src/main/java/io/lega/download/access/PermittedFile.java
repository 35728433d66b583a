package io.lega.download.access;

import io.lega.download.auth.VerifiedPassport;
import io.lega.node.store.model.DatasetEntity;
import io.lega.node.store.model.FileEntity;

/**
 * A file the caller may read, and the dataset that lets them.
 *
 * @param passport the caller's Passport
 * @param file the file (ready, archived)
 * @param dataset a released dataset holding it, granted by a visa and not revoked
 */
public record PermittedFile(VerifiedPassport passport, FileEntity file, DatasetEntity dataset) {

  /** The caller's user name (the Passport's {@code sub}), as audited. */
  public String user() {
    return passport.user().subject();
  }
}
