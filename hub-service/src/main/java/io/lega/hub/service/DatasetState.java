package io.lega.hub.service;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where a dataset is; stored in lower case in {@code datasets.state}. The only moves are {@code
 * mapped} &rarr; {@code released} &rarr; {@code deprecated} and {@code mapped} &rarr; {@code
 * deprecated}.
 */
public enum DatasetState {
  /** its files are mapped to it on the node ({@code mapping} sent) */
  MAPPED,
  /** downloadable by those granted access ({@code release} sent) */
  RELEASED,
  /** withdrawn for good ({@code deprecate} sent) */
  DEPRECATED;

  /** The stored and JSON name, e.g. {@code mapped}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The state stored or named as {@code id}, if there is one. */
  public static Optional<DatasetState> of(String id) {
    return Arrays.stream(values()).filter(s -> s.id().equals(id)).findFirst();
  }

  /** Every state's name, comma-separated, for error messages. */
  public static String all() {
    return Arrays.stream(values()).map(DatasetState::id).collect(Collectors.joining(", "));
  }
}
