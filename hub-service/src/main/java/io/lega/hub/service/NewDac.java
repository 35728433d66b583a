package io.lega.hub.service;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A DAC to create ({@code POST /api/dacs}).
 *
 * @param dacId optional: its accession id ({@code EGAC} + 11 digits); none: the hub issues one
 * @param title its name, 1 to 512 characters
 * @param members optional: usernames of users with the {@code dac} role
 */
public record NewDac(@JsonProperty("dac_id") String dacId, String title, List<String> members) {}
