package io.lega.hub.service;

/**
 * The caller did not prove who they are: no credentials, an unknown user, a wrong password, a
 * disabled user. The message never says which, so it cannot be used to find out who exists.
 */
public class NotAuthenticatedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotAuthenticatedException() {
    super("a valid username and password (Authorization: Basic) or the admin token is required");
  }
}
