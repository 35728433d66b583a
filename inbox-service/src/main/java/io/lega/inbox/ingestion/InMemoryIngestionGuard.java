package io.lega.inbox.ingestion;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Locks kept in memory (one inbox replica). Replaced by any other {@link IngestionGuard} bean, for
 * example one backed by the database once ingestion records its state there.
 */
@ApplicationScoped
@DefaultBean
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
