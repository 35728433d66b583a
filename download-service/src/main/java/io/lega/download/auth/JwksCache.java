package io.lega.download.auth;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jose4j.jwk.JsonWebKey;

/**
 * The keys of each JWKS URL, fetched once and used for a bounded lifetime. Only allow-listed URLs
 * reach it ({@link TrustList} is asked first), so it holds at most one entry per configured URL. A
 * failed fetch is not cached: the next token tries again. Concurrent misses for one URL make one
 * fetch.
 */
final class JwksCache {

  private record Entry(List<JsonWebKey> keys, Instant fetchedAt) {}

  private final JwksFetcher fetcher;
  private final Duration lifetime;
  private final Clock clock;
  private final ConcurrentMap<URI, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentMap<URI, Object> fetchLocks = new ConcurrentHashMap<>();

  /**
   * @param fetcher fetches a JWKS
   * @param lifetime how long fetched keys are used
   * @param clock the time entries age by
   */
  JwksCache(JwksFetcher fetcher, Duration lifetime, Clock clock) {
    this.fetcher = fetcher;
    this.lifetime = lifetime;
    this.clock = clock;
  }

  /**
   * @param url an allow-listed JWKS URL
   * @return its public keys, fetched now or at most the lifetime ago
   * @throws TokenRejectedException {@link TokenProblem#KEYS_UNAVAILABLE} if a needed fetch fails
   */
  List<JsonWebKey> keys(URI url) {
    Entry entry = entries.get(url);
    if (fresh(entry)) {
      return entry.keys();
    }
    synchronized (fetchLocks.computeIfAbsent(url, u -> new Object())) {
      entry = entries.get(url);
      if (fresh(entry)) {
        return entry.keys();
      }
      List<JsonWebKey> keys = fetcher.fetch(url);
      entries.put(url, new Entry(keys, clock.instant()));
      return keys;
    }
  }

  private boolean fresh(Entry entry) {
    return entry != null && clock.instant().isBefore(entry.fetchedAt().plus(lifetime));
  }
}
