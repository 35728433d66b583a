package io.lega.hub.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a user may do in the federation; stored in lower case in {@code users.roles}. */
public enum Role {
  /** uploads files to a node's inbox */
  SUBMITTER,
  /** reads released datasets they were granted */
  RESEARCHER,
  /** a data access committee member: grants and revokes access */
  DAC,
  /** runs the hub */
  ADMIN;

  /** The stored and JSON name, e.g. {@code submitter}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role called {@code id}, if any. */
  public static Optional<Role> of(String id) {
    return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
  }

  /** The names of every role, for messages. */
  public static String all() {
    return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
  }
}
