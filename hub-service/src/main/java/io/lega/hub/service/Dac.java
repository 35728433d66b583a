package io.lega.hub.service;

import java.time.Instant;
import java.util.List;

/**
 * A data access committee.
 *
 * @param dacId its accession id, {@code EGAC} + 11 digits
 * @param title its name
 * @param members the usernames of its members (users with the {@code dac} role), sorted
 * @param createdAt when it was created
 * @param updatedAt when its title or members last changed
 */
public record Dac(
    String dacId, String title, List<String> members, Instant createdAt, Instant updatedAt) {}
