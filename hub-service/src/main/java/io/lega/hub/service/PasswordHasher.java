package io.lega.hub.service;

import io.lega.hub.config.HubConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Turns a password into the bcrypt hash the hub stores ({@code $2b$<cost>$...}, checked by the
 * inboxes with the same library). The password itself is never stored or logged. Hashing is slow on
 * purpose: never call {@link #hash} on an event-loop thread.
 */
@ApplicationScoped
public class PasswordHasher {

  /** bcrypt reads at most this many bytes of a password; longer ones are refused, not cut. */
  public static final int MAX_PASSWORD_BYTES = 72;

  private final SecureRandom random = new SecureRandom();
  private final int cost;
  private final int minLength;

  public PasswordHasher(HubConfig config) {
    this.cost = config.users().bcryptCost();
    this.minLength = config.users().minPasswordLength();
  }

  /**
   * Refuses a password the hub does not accept.
   *
   * @throws InvalidRequestException if it is too short, too long for bcrypt, or has a NUL
   */
  public void check(String password) {
    if (password.codePointCount(0, password.length()) < minLength) {
      throw new InvalidRequestException(
          "the password must have at least " + minLength + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
      throw new InvalidRequestException(
          "the password must have at most "
              + MAX_PASSWORD_BYTES
              + " bytes in UTF-8 (bcrypt's limit)");
    }
    if (password.indexOf('\0') >= 0) {
      throw new InvalidRequestException("the password must not contain a NUL character");
    }
  }

  /** The bcrypt hash of a password that passed {@link #check}. */
  public String hash(String password) {
    byte[] salt = new byte[16];
    random.nextBytes(salt);
    return OpenBSDBCrypt.generate("2b", password.toCharArray(), salt, cost);
  }
}
