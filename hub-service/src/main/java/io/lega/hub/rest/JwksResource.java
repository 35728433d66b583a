package io.lega.hub.rest;

import io.lega.hub.passport.SigningKey;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /.well-known/jwks.json} (public): the keys that verify the hub's Passports and visas.
 */
@Path("/.well-known/jwks.json")
public class JwksResource {

  private final SigningKey key;

  public JwksResource(SigningKey key) {
    this.key = key;
  }

  /** The JWKS, {@code {"keys": [{"kty": "EC", "crv": "P-256", "kid", "alg": "ES256", ...}]}}. */
  @GET
  @PublicAccess
  @Produces(MediaType.APPLICATION_JSON)
  public String jwks() {
    return key.jwks();
  }
}
