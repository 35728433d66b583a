package io.lega.hub.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.lega.hub.service.PassportService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestHeader;

/**
 * {@code POST /api/passport}: a researcher, with their password ({@code Authorization: Basic}),
 * gets a Passport, answered in the shape of an OAuth 2.0 token exchange response (RFC 8693), as the
 * GA4GH AAI profile has a broker hand out Passports.
 */
@Path("/api/passport")
@Produces(MediaType.APPLICATION_JSON)
public class PassportResource {

  /** The RFC 8693 token type the GA4GH AAI profile gives a Passport. */
  static final String PASSPORT_TOKEN_TYPE = "urn:ga4gh:params:oauth:token-type:passport";

  private final PassportService passports;
  private final Callers callers;

  public PassportResource(PassportService passports, Callers callers) {
    this.passports = passports;
    this.callers = callers;
  }

  /** The answer: {@code {"access_token", "issued_token_type", "token_type", "expires_in"}}. */
  public record PassportView(
      @JsonProperty("access_token") String accessToken,
      @JsonProperty("issued_token_type") String issuedTokenType,
      @JsonProperty("token_type") String tokenType,
      @JsonProperty("expires_in") long expiresIn) {}

  /** The caller's Passport: 200; 401 wrong password; 403 not a researcher. */
  @POST
  @UserAccess
  public Uni<PassportView> issue(@RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
    return callers
        .identify(authorization)
        .flatMap(passports::issue)
        .map(
            p ->
                new PassportView(
                    p.token(), PASSPORT_TOKEN_TYPE, "Bearer", p.lifetime().toSeconds()));
  }
}
