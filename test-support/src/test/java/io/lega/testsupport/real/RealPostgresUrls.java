package io.lega.testsupport.real;

import io.lega.testsupport.PostgresConnection;

/** Test access to the URL parsing of {@link RealPostgres}. */
public final class RealPostgresUrls {

  private RealPostgresUrls() {}

  public static PostgresConnection parse(String url, String user, String password) {
    return RealPostgres.parseJdbcUrl(url, user, password);
  }
}
