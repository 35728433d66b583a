package io.lega.hub.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * What a DAC member adds to a decision: an approval's optional expiry (in the future), a
 * rejection's reason (required), a revocation's optional reason.
 *
 * @param expiresAt when the grant ends; {@code null} for when it is revoked
 * @param reason why, up to 10000 characters
 */
public record DecisionRequest(@JsonProperty("expires_at") Instant expiresAt, String reason) {}
