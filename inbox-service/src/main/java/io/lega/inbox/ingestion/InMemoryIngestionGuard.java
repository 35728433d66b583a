package io.lega.inbox.ingestion;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks kept in memory, given by {@link #lock} (one inbox replica, nothing shared). The guard of
 * {@code lega.inbox.ingestion-guard=memory}, where nothing in the application feeds it: no file is
 * ever locked, unless code embedding the server calls {@link #lock} (the tests do).
 */
public class InMemoryIngestionGuard implements IngestionGuard {

  private final Set<Key> locked = ConcurrentHashMap.newKeySet();

  @Override
  public boolean isLocked(String user, String filepath) {
    return locked.contains(new Key(user, filepath));
  }

  /** Locks the file until {@link #unlock}. */
  public void lock(String user, String filepath) {
    locked.add(new Key(user, filepath));
  }

  public void unlock(String user, String filepath) {
    locked.remove(new Key(user, filepath));
  }

  private record Key(String user, String filepath) {}
}
