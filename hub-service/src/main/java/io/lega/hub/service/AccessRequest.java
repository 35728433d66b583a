package io.lega.hub.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A researcher's request for access to a dataset, and its decisions.
 *
 * @param id its id
 * @param datasetId the dataset
 * @param dacId the DAC that decides on the dataset now
 * @param user the researcher
 * @param justification why they ask, as they wrote it
 * @param state one of {@link AccessState}, in lower case
 * @param expiresAt when the grant ends; {@code null} for no end (or no grant)
 * @param grantedAt when it was approved; {@code null} if never
 * @param createdAt when it was made
 * @param updatedAt when its state last changed
 * @param decisions every decision on it, oldest first
 */
public record AccessRequest(
    UUID id,
    String datasetId,
    String dacId,
    String user,
    String justification,
    String state,
    Instant expiresAt,
    Instant grantedAt,
    Instant createdAt,
    Instant updatedAt,
    List<AccessDecision> decisions) {}
