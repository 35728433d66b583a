package io.lega.hub.rest;

import io.lega.hub.config.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells who an {@code Authorization: Bearer <token>} header belongs to. The presented token is
 * hashed and compared with the hashes of the configured ones in constant time (both are always
 * compared), so neither the tokens' contents nor their lengths leak through timing. Tokens are
 * never logged.
 */
@ApplicationScoped
public class AccessTokens {

  private static final String BEARER = "bearer ";

  private final byte[] admin;
  private final byte[] service;

  public AccessTokens(HubConfig config) {
    this.admin = digest(config.adminToken());
    this.service = digest(config.serviceToken());
  }

  /** The caller an {@code Authorization} header value names, if its token is valid. */
  public Optional<Caller> identify(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return Optional.empty();
    }
    byte[] presented = digest(authorization.substring(BEARER.length()).strip());
    boolean isAdmin = MessageDigest.isEqual(presented, admin);
    boolean isService = MessageDigest.isEqual(presented, service);
    if (isAdmin) {
      return Optional.of(Caller.ADMIN);
    }
    return isService ? Optional.of(Caller.SERVICE) : Optional.empty();
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
