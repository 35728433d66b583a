package io.lega.hub.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an access request stands: {@code pending} &rarr; {@code approved} or {@code rejected};
 * {@code approved} &rarr; {@code revoked}. An approved request is a grant until it expires.
 */
public enum AccessState {
  PENDING,
  APPROVED,
  REJECTED,
  REVOKED;

  /** The stored and JSON name, e.g. {@code pending}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state called {@code id}, if any. */
  public static Optional<AccessState> of(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
  }
}
