package io.lega.hub.service;

/**
 * The caller is who they say but may not do this: a decision on a dataset by someone not on its
 * DAC, a request by a user who is not a researcher. The message says why, and is shown as it is.
 */
public class ForbiddenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ForbiddenException(String message) {
    super(message);
  }
}
