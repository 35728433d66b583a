package io.lega.hub.service;

import java.time.Instant;

/**
 * One decision on an access request.
 *
 * @param decision {@code approved}, {@code rejected} or {@code revoked}
 * @param by the DAC member who took it
 * @param at when
 * @param reason the reason given (a rejection's, optionally a revocation's); {@code null} for none
 * @param expiresAt an approval's expiry; {@code null} for none
 */
public record AccessDecision(
    String decision, String by, Instant at, String reason, Instant expiresAt) {}
