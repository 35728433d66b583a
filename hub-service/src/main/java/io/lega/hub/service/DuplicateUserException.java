package io.lega.hub.service;

/** A user with the requested username exists already (enabled or not: names are never reused). */
public class DuplicateUserException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DuplicateUserException(String username) {
    super("a user called '" + username + "' exists already");
  }
}
