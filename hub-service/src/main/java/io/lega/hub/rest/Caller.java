package io.lega.hub.rest;

/** Who presented a valid bearer token. */
public enum Caller {
  /** the hub's administrators: every endpoint */
  ADMIN,
  /** a node's service (an inbox): user lookups only, with the password hash */
  SERVICE
}
