package io.lega.hub.service;

import io.smallrye.mutiny.Uni;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The hub's accession ids: {@code EGAF} (files) or {@code EGAD} (datasets) followed by 11 digits,
 * the number zero-padded, as a federated hub sends them. The numbers come from the database
 * sequences {@code file_accession_numbers} and {@code dataset_accession_numbers}, which never hand
 * out a number twice and are never reset: an id once issued is never issued again.
 */
public final class AccessionIds {

  /** What a file's accession id looks like. */
  public static final Pattern FILE = Pattern.compile("EGAF[0-9]{11}");

  /** What a dataset's accession id looks like. */
  public static final Pattern DATASET = Pattern.compile("EGAD[0-9]{11}");

  /** What a data access committee's accession id looks like. */
  public static final Pattern DAC = Pattern.compile("EGAC[0-9]{11}");

  /** The largest number 11 digits hold. */
  static final long MAX_NUMBER = 99_999_999_999L;

  /** How many taken numbers a new id skips at most before giving up. */
  private static final int MAX_SKIPS = 1000;

  private AccessionIds() {}

  /** The file accession id with this number, e.g. {@code EGAF00000000001}. */
  public static String file(long number) {
    return format("EGAF", number);
  }

  /** The dataset accession id with this number, e.g. {@code EGAD00000000001}. */
  public static String dataset(long number) {
    return format("EGAD", number);
  }

  /**
   * A new id: the sequence's next number as an id ({@code format}), skipping numbers whose id is
   * {@code taken} already (a caller can name an id the hub did not issue), at most {@value
   * #MAX_SKIPS} of them.
   *
   * @param kind {@code file} or {@code dataset}, for the error message
   */
  static Uni<String> fresh(
      String kind,
      Supplier<Uni<Long>> nextNumber,
      LongFunction<String> format,
      Function<String, Uni<Boolean>> taken) {
    return fresh(kind, nextNumber, format, taken, 0);
  }

  private static Uni<String> fresh(
      String kind,
      Supplier<Uni<Long>> nextNumber,
      LongFunction<String> format,
      Function<String, Uni<Boolean>> taken,
      int skipped) {
    if (skipped > MAX_SKIPS) {
      throw new IllegalStateException(
          "no free " + kind + " accession id after skipping " + MAX_SKIPS + " taken ones");
    }
    return nextNumber
        .get()
        .map(format::apply)
        .flatMap(
            id ->
                taken
                    .apply(id)
                    .flatMap(
                        t ->
                            t
                                ? fresh(kind, nextNumber, format, taken, skipped + 1)
                                : Uni.createFrom().item(id)));
  }

  /** The DAC accession id with this number, e.g. {@code EGAC00000000001}. */
  public static String dac(long number) {
    return format("EGAC", number);
  }

  private static String format(String prefix, long number) {
    if (number < 1 || number > MAX_NUMBER) {
      throw new IllegalArgumentException("accession number out of range: " + number);
    }
    return prefix + String.format("%011d", number);
  }
}
