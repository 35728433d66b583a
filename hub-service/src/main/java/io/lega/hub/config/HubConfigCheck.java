package io.lega.hub.config;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks at start what the types of {@link HubConfig} cannot say, and stops the application with
 * one message listing every problem. A missing token is already refused by the configuration itself
 * ("The config property lega.hub.admin-token is required ..."). Token values are never part of a
 * message.
 */
@Startup
@Singleton
public class HubConfigCheck {

  /** The shortest bearer token accepted. */
  public static final int MIN_TOKEN_LENGTH = 16;

  private final HubConfig config;

  public HubConfigCheck(HubConfig config) {
    this.config = config;
  }

  @PostConstruct
  void check() {
    List<String> problems = problems(config);
    if (!problems.isEmpty()) {
      throw new IllegalStateException("invalid hub configuration: " + String.join("; ", problems));
    }
  }

  /** Every problem of a configuration, empty if none. */
  static List<String> problems(HubConfig config) {
    List<String> problems = new ArrayList<>();
    token("lega.hub.admin-token", config.adminToken(), problems);
    token("lega.hub.service-token", config.serviceToken(), problems);
    if (config.adminToken().equals(config.serviceToken())) {
      problems.add("lega.hub.admin-token and lega.hub.service-token must differ");
    }
    HubConfig.Users users = config.users();
    if (users.bcryptCost() < 4 || users.bcryptCost() > 31) {
      problems.add("lega.hub.users.bcrypt-cost must be 4 to 31 (was " + users.bcryptCost() + ")");
    }
    if (users.minPasswordLength() < 1 || users.minPasswordLength() > 72) {
      problems.add(
          "lega.hub.users.min-password-length must be 1 to 72 (was "
              + users.minPasswordLength()
              + ")");
    }
    if (users.minRsaBits() < 1024) {
      problems.add("lega.hub.users.min-rsa-bits must be at least 1024");
    }
    if (users.maxSshKeys() < 1) {
      problems.add("lega.hub.users.max-ssh-keys must be at least 1");
    }
    HubConfig.Api api = config.api();
    if (api.defaultPageSize() < 1 || api.defaultPageSize() > api.maxPageSize()) {
      problems.add(
          "lega.hub.api.default-page-size must be 1 to lega.hub.api.max-page-size ("
              + api.maxPageSize()
              + ")");
    }
    if (config.broker().nodes().isEmpty()) {
      problems.add("lega.hub.broker.nodes must name at least one node");
    }
    passport(config.passport(), problems);
    return problems;
  }

  private static void passport(HubConfig.Passport passport, List<String> problems) {
    if (passport.lifetime().isNegative() || passport.lifetime().toSeconds() < 1) {
      problems.add("lega.hub.passport.lifetime must be at least one second");
    }
    for (String[] url :
        new String[][] {
          {"lega.hub.passport.issuer", passport.issuer()},
          {"lega.hub.passport.jwks-url", passport.jwksUrl()}
        }) {
      if (!url[1].matches("https?://[^\\s/?#]+(/\\S*)?") || url[1].endsWith("/")) {
        problems.add(url[0] + " must be an http(s) URL without a trailing slash");
      }
    }
  }

  private static void token(String key, String value, List<String> problems) {
    if (value.isBlank()) {
      problems.add(key + " must not be blank");
    } else if (value.length() < MIN_TOKEN_LENGTH) {
      problems.add(key + " must have at least " + MIN_TOKEN_LENGTH + " characters");
    } else if (!value.strip().equals(value)) {
      problems.add(key + " must not start or end with white space");
    }
  }
}
