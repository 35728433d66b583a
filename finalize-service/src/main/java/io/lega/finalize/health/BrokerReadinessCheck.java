package io.lega.finalize.health;

import io.lega.finalize.FinalizeService;
import io.lega.node.worker.NodeWorkerReadiness;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the broker connection is open and both consumers ({@code accession}, {@code
 * mappings}) run; down while the client reconnects.
 */
@Readiness
@Singleton
public class BrokerReadinessCheck extends NodeWorkerReadiness {

  /** The check of the service's broker side. */
  public BrokerReadinessCheck(FinalizeService service) {
    super(service::broker, FinalizeService.ACCESSION_QUEUE, FinalizeService.MAPPINGS_QUEUE);
  }
}
