package io.lega.hub.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Times as the database keeps them. */
final class Timestamps {

  private Timestamps() {}

  /** Now, as precisely as PostgreSQL keeps it (so what is returned equals what is read later). */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
