package io.lega.hub.service;

/** The user or submission asked for is not known. The message names it. */
public class NoSuchResourceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NoSuchResourceException(String message) {
    super(message);
  }
}
