package io.lega.hub.service;

/**
 * The request does not fit the state of what it names: ingesting a file that is archived already,
 * releasing a deprecated dataset, mapping files that are not archived, a dataset id that is taken.
 * The message says what and why, and is shown to the caller as it is.
 */
public class ConflictException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message);
  }
}
