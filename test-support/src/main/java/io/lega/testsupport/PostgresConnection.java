package io.lega.testsupport;

import java.util.Map;

/**
 * How to reach a PostgreSQL database.
 *
 * @param host host name or address
 * @param port TCP port
 * @param database database name (made for this run)
 * @param username user name
 * @param password password, empty when the server trusts the connection
 */
public record PostgresConnection(
    String host, int port, String database, String username, String password) {

  /** JDBC URL without credentials, e.g. {@code jdbc:postgresql://localhost:5432/lega}. */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** Vert.x reactive client URL, as {@code quarkus.datasource.reactive.url} takes it. */
  public String reactiveUrl() {
    return "postgresql://" + host + ":" + port + "/" + database;
  }

  /** The same server, another database on it. */
  public PostgresConnection withDatabase(String otherDatabase) {
    return new PostgresConnection(host, port, otherDatabase, username, password);
  }

  Map<String, String> toMap() {
    return Map.of(
        "host",
        host,
        "port",
        Integer.toString(port),
        "database",
        database,
        "username",
        username,
        "password",
        password);
  }

  static PostgresConnection fromMap(Map<String, String> m) {
    return new PostgresConnection(
        m.get("host"),
        Integer.parseInt(m.get("port")),
        m.get("database"),
        m.get("username"),
        m.get("password"));
  }
}
