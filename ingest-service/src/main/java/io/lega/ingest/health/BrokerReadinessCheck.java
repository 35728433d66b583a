package io.lega.ingest.health;

import io.lega.ingest.IngestService;
import io.lega.node.worker.NodeWorkerReadiness;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the broker connection is open and the {@code ingest} consumer runs. */
@Readiness
@Singleton
public class BrokerReadinessCheck extends NodeWorkerReadiness {

  /** The check of the service's broker side. */
  public BrokerReadinessCheck(IngestService service) {
    super(service::broker, IngestService.INGEST_QUEUE);
  }
}
