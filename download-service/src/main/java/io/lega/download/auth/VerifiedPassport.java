package io.lega.download.auth;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A Passport that passed every check, and what its valid visas grant.
 *
 * @param user whom the Passport speaks for
 * @param expiresAt the Passport's {@code exp}
 * @param datasets every dataset id a valid ControlledAccessGrants visa names, with the latest
 *     {@code exp} among the visas naming it
 * @param grantedAt per dataset of {@code datasets}, the latest {@code asserted} among its valid
 *     visas: when the grant was made (a revocation received after it refuses the dataset)
 * @param ignored the visas that granted nothing, and why (for logs and tests; never for the caller)
 */
public record VerifiedPassport(
    Identity user,
    Instant expiresAt,
    Map<String, Instant> datasets,
    Map<String, Instant> grantedAt,
    List<IgnoredVisa> ignored) {

  /** Copies the collections. */
  public VerifiedPassport {
    datasets = Map.copyOf(datasets);
    grantedAt = Map.copyOf(grantedAt);
    ignored = List.copyOf(ignored);
  }

  /**
   * Whether a valid visa names this dataset (an exact, case-sensitive match, as GA4GH requires).
   *
   * @param datasetId a dataset's accession id ({@code EGAD...})
   */
  public boolean grants(String datasetId) {
    return datasets.containsKey(datasetId);
  }
}
