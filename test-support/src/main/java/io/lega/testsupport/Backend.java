package io.lega.testsupport;

/**
 * A running backend (embedded in this JVM, or a slice of a real server made for this run) and how
 * to reach it.
 *
 * <p>{@link #close()} stops an embedded backend and removes what it wrote; for a real server it
 * removes what was created for the run (a database, a virtual host). It never throws checked
 * exceptions and may be called twice.
 *
 * @param <C> the connection details record
 */
public interface Backend<C> extends AutoCloseable {

  /** How clients reach this backend. */
  C connection();

  @Override
  void close();
}
