package io.lega.download.health;

import io.lega.download.crypt.ArchiveKeys;
import io.lega.download.files.ArchiveStorage;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code archive}: up while the archive storage answers and the archive keys are
 * loaded. (The database has Quarkus's own datasource check, the broker platform's {@code broker}
 * check.)
 */
@Readiness
@Singleton
public class ArchiveReadinessCheck implements HealthCheck {

  private final ArchiveStorage archive;
  private final ArchiveKeys keys;

  public ArchiveReadinessCheck(ArchiveStorage archive, ArchiveKeys keys) {
    this.archive = archive;
    this.keys = keys;
  }

  @Override
  public HealthCheckResponse call() {
    boolean storage = archive.reachable();
    return HealthCheckResponse.named("archive")
        .status(storage && keys.count() > 0)
        .withData("storage", storage ? "reachable" : "unreachable")
        .withData("keys", keys.count())
        .build();
  }
}
