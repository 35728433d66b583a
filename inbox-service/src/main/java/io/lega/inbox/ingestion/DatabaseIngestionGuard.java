package io.lega.inbox.ingestion;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Reads the node database: a file is being ingested while the node's table {@code files} has a row
 * of that user at that inbox path in state {@code submitted} (ingest reads the inbox file in that
 * state). The path is matched with and without a leading slash: ingest stores it as the hub's
 * trigger names it.
 *
 * <p>Only reads: the inbox never migrates or writes the node database (ingest migrates it). Each
 * check is one indexed query, bounded by {@code timeout} in all (getting a connection from the
 * pool, then the query, through the connection's network timeout). A connection that turns out to
 * be dead (a database restart) is replaced once, within the same time. Any failure is an {@link
 * IngestionCheckException}: never "not locked".
 */
public final class DatabaseIngestionGuard implements IngestionGuard {

  static final String QUERY =
      """
      SELECT EXISTS (SELECT 1 FROM files
                     WHERE submission_user = ? AND inbox_path IN (?, ?) AND state = 'submitted')""";

  /** PostgreSQL's driver ignores the executor of {@code setNetworkTimeout}; it must not be null. */
  private static final Executor DIRECT = Runnable::run;

  private final DataSource dataSource;
  private final Duration timeout;

  /**
   * @param dataSource the node database
   * @param timeout longest a check may take, connection included
   */
  public DatabaseIngestionGuard(DataSource dataSource, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive: " + timeout);
    }
    this.dataSource = dataSource;
    this.timeout = timeout;
  }

  @Override
  public boolean isLocked(String user, String filepath) throws IngestionCheckException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      return query(user, filepath, deadline);
    } catch (SQLException first) {
      if (!isConnectionFailure(first) || remainingMillis(deadline) <= 0) {
        throw failure(first);
      }
      try {
        return query(user, filepath, deadline); // a pooled connection was dead: once more
      } catch (SQLException | RuntimeException second) {
        second.addSuppressed(first);
        throw failure(second);
      }
    } catch (RuntimeException e) {
      throw failure(e); // not "not locked", whatever went wrong
    }
  }

  private boolean query(String user, String filepath, long deadline) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      int left = remainingMillis(deadline);
      if (left <= 0) {
        throw new SQLException("no connection within " + timeout, "08001");
      }
      connection.setNetworkTimeout(DIRECT, left);
      try (PreparedStatement statement = connection.prepareStatement(QUERY)) {
        statement.setString(1, user);
        statement.setString(2, filepath);
        statement.setString(3, "/" + filepath);
        try (ResultSet result = statement.executeQuery()) {
          result.next();
          return result.getBoolean(1);
        }
      }
    }
  }

  private IngestionCheckException failure(Exception e) {
    return new IngestionCheckException(
        "cannot read the file's state from the node database (timeout "
            + timeout
            + "): "
            + e.getMessage(),
        e);
  }

  /** SQL state class 08: the connection failed or was lost. */
  private static boolean isConnectionFailure(SQLException e) {
    return e.getSQLState() != null && e.getSQLState().startsWith("08");
  }

  private static int remainingMillis(long deadline) {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
  }
}
