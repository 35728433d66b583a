package io.lega.hub.service;

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

  private AccessionIds() {}

  /** The file accession id with this number, e.g. {@code EGAF00000000001}. */
  public static String file(long number) {
    return format("EGAF", number);
  }

  /** The dataset accession id with this number, e.g. {@code EGAD00000000001}. */
  public static String dataset(long number) {
    return format("EGAD", number);
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
